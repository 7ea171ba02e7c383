import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.ts';

const configDir = fileURLToPath(new URL('./.storybook', import.meta.url));
const conditions = ['source', 'module', 'browser', 'development|production'];
const serverTests = ['packages/server/src/**/*.test.ts'];
// Race tests need real connections and the real clock: PostgreSQL only (the server's testing/raceHarness.ts
// refuses PGlite).
const raceTests = ['packages/server/src/**/*.race.test.ts'];
const postgresUrl = process.env.RAPPORT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
});

// Test-only helpers shared by the packages' tests; tsconfig.base.json maps the same name for the type checker.
const testing = fileURLToPath(new URL('./testing/index.ts', import.meta.url));

export default defineConfig({
  resolve: { conditions, alias: [{ find: /^@rapport\/testing$/, replacement: testing }] },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    projects: [
      { extends: true, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], environment: 'node' } },
      // @rapport/node's own tests (webhook verification, tokens, the admin client over a fake fetch); its calls against the
      // real server run in the server projects (packages/server/src/nodeSdk), since node never imports the server.
      { extends: true, test: { name: 'node', include: ['packages/node/src/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'repo', include: ['scripts/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        extends: true,
        test: {
          name: 'server-pglite',
          include: serverTests,
          exclude: [...configDefaults.exclude, ...raceTests],
          environment: 'node',
          env: { RAPPORT_TEST_STORE: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-postgres',
          include: serverTests,
          environment: 'node',
          env: { RAPPORT_TEST_STORE: 'postgres', RAPPORT_TEST_DATABASE_URL: postgresUrl },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // The server as a child process, killed mid-traffic (testing/chaos). One file at a time: each runs its
          // own server, and two at once on a 2-core machine would time each other out.
          name: 'chaos',
          include: ['testing/chaos/**/*.test.ts'],
          environment: 'node',
          env: { RAPPORT_TEST_DATABASE_URL: postgresUrl },
          fileParallelism: false,
          testTimeout: 150_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          // Two server processes on one PostgreSQL schema (testing/cluster): shared rate limits, maintenance once.
          name: 'cluster',
          include: ['testing/cluster/**/*.test.ts'],
          environment: 'node',
          env: { RAPPORT_TEST_DATABASE_URL: postgresUrl },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'react',
          include: ['packages/react/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['./scripts/vitest.setup-dom.ts'],
          testTimeout: 30_000,
          // Starting an in-process server on PGlite takes seconds on a loaded 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'widgets',
          include: ['packages/widgets/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['./scripts/vitest.setup-dom.ts'],
          testTimeout: 30_000,
          // Starting an in-process server on PGlite takes seconds on a loaded 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir })],
        test: { name: 'storybook', browser: browser(), setupFiles: ['./.storybook/vitest.setup.ts'] },
      },
    ],
  },
});
