// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import storybook from 'eslint-plugin-storybook';
import globals from 'globals';

const serverCode = {
  group: ['@rapport/server', '@rapport/server/*', '**/packages/server/**'],
  message: 'Browser packages never import server code.',
};
const reactCode = { regex: '^(react|react-dom)(/.*)?$|^@tanstack/', message: '@rapport/core imports no React (core ← react ← widgets).' };
const coreIsBottom = { group: ['@rapport/*', '**/packages/{react,widgets,server}/**'], message: '@rapport/core is the bottom layer: it imports no other Rapport package.' };
const tanstack = { group: ['@tanstack/*'], message: 'Widgets use @rapport/react hooks, never TanStack Query directly.' };
const upward = (pkgs) => ({ group: pkgs, message: 'Layers point one way: core ← react ← widgets; core ← server.' });
const testOnly = { group: ['@rapport/testing', '**/testing/**'], message: 'Test helpers (testing/, @rapport/testing) are for tests only, never a package\'s own source.' };
const classicZod = { name: 'zod', message: "Use 'zod/mini': classic zod bundles every locale and breaks the browser budget." };
const tests = ['**/*.test.ts', '**/*.test.tsx'];

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
    files: ['packages/server/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [upward(['@rapport/react', '@rapport/widgets', '**/packages/{react,widgets}/**']), { regex: '^(react|react-dom)(/.*)?$', message: 'The server renders no React.' }] }] },
  },
  ...storybook.configs['flat/recommended'],
);
