// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import storybook from 'eslint-plugin-storybook';
import globals from 'globals';

const serverCode = {
  group: ['@rapport/server', '@rapport/server/*', '**/packages/server/**', '@rapport/node', '@rapport/node/*', '**/packages/node/**'],
  message: 'Browser packages never import server code.',
};
const reactCode = { regex: '^(react|react-dom)(/.*)?$|^@tanstack/', message: '@rapport/core imports no React (core ← react ← widgets).' };
const coreIsBottom = { group: ['@rapport/*', '**/packages/{react,widgets,server}/**'], message: '@rapport/core is the bottom layer: it imports no other Rapport package.' };
const tanstack = { group: ['@tanstack/*'], message: 'Widgets use @rapport/react hooks, never TanStack Query directly.' };
const upward = (pkgs) => ({ group: pkgs, message: 'Layers point one way: core ← react ← widgets; core ← server.' });
const testOnly = { group: ['@rapport/testing', '**/testing/**'], message: 'Test helpers (testing/, @rapport/testing) are for tests only, never a package\'s own source.' };
const classicZod = { name: 'zod', message: "Use 'zod/mini': classic zod bundles every locale and breaks the browser budget." };
const tests = ['**/*.test.ts', '**/*.test.tsx'];
const nodeOnlyCore = { regex: '^@rapport/(?!core(/|$))', message: '@rapport/node depends on @rapport/core only (core ← node).' };
const nodeNoRuntime = {
  regex: '^(hono|@hono/.+|pg|pg-.+|@electric-sql/.+|drizzle-orm|react|react-dom|@tanstack/.+)(/.*)?$',
  message: '@rapport/node has no database, HTTP-server or React dependency.',
};
const otherPackages = {
  regex: '(^|/)packages/(react|widgets|server|elements)/|^(\\.\\./)+(react|widgets|server|elements)/src(/|$)',
  message: '@rapport/node depends on @rapport/core only (core ← node).',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'storybook-static/**', '**/.data/**', 'coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "ExportAllDeclaration[source.value=/^@rapport\\//]", message: 'List exports by name.' }],
    },
  },
  {
    files: ['packages/*/src/**/*.{ts,tsx}', 'apps/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [classicZod], patterns: [reactCode, coreIsBottom] }] },
  },
  {
    files: ['packages/react/src/**/*.{ts,tsx}'],
    ignores: tests,
    rules: { 'no-restricted-imports': ['error', { paths: [classicZod], patterns: [serverCode, testOnly, upward(['@rapport/widgets', '**/packages/widgets/**'])] }] },
  },
  {
    files: ['packages/widgets/src/**/*.{ts,tsx}'],
    ignores: tests,
    rules: { 'no-restricted-imports': ['error', { paths: [classicZod], patterns: [serverCode, tanstack, testOnly] }] },
  },
  {
    files: ['packages/{react,widgets}/src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [classicZod], patterns: [upward(['**/packages/*/src/**'])] }] },
  },
  {
    files: ['packages/node/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [classicZod], patterns: [nodeOnlyCore, nodeNoRuntime, otherPackages, testOnly] }] },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [upward(['@rapport/react', '@rapport/widgets', '**/packages/{react,widgets}/**']), { regex: '^(react|react-dom)(/.*)?$', message: 'The server renders no React.' }] }] },
  },
  ...storybook.configs['flat/recommended'],
);
