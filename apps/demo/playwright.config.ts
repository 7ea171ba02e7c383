import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.ts';

const webPort = Number(process.env.DEMO_E2E_PORT ?? 5273);
const apiPort = Number(process.env.RAPPORT_E2E_PORT ?? 8887);
// A fresh PGlite data directory per run: the e2e suite starts from the seeded state.
const dataDir = process.env.DEMO_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
process.env.DEMO_E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  outputDir: '../../test-results/e2e-artifacts',
  use: {
    baseURL: `http://localhost:${webPort}`,
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'pnpm exec tsx --conditions=source server/main.ts',
    url: `http://localhost:${webPort}/demo-api/config`,
    env: { DEMO_DATA_DIR: dataDir, DEMO_PORT: String(webPort), RAPPORT_PORT: String(apiPort), DEMO_HMR: 'off' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
