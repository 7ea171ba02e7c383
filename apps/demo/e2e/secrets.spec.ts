import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DEFAULT_DATA_DIR, DEMO_ROOT, LEGACY_DATA_DIR } from '../server/dataDir.js';
import { signInAs } from './helpers.js';

// The demo plays the business's server: it holds the secret key (for the console's calls) and the identity secret
// (to sign visitor tokens). Neither may reach the browser — not in the code it loads, nor in any answer it gets.
test('the secret key and the identity secret never reach the browser, on any page of the shop or the console', async ({ page }) => {
  const keys = JSON.parse(readFileSync(join(process.env.DEMO_E2E_DATA_DIR!, 'keys.json'), 'utf8')) as Record<string, string>;
  const bodies: Array<Promise<string>> = [];
  page.on('response', (response) => bodies.push(response.body().then((body) => body.toString('utf8'), () => '')));

  await signInAs(page, 'Grace Hopper', { keepReplies: true });
  for (const path of ['/products/huila', '/checkout/complete', '/account', '/preferences', '/console']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  const seen = await Promise.all(bodies);
  // The traffic looked at is the real one: the code of the console and the publishable key are in it.
  expect(seen.some((body) => body.includes(keys.publishableKey!))).toBe(true);
  expect(seen.some((body) => body.includes('/demo-api/console/'))).toBe(true);
  for (const name of ['secretKey', 'identitySecret']) {
    expect(seen.filter((body) => body.includes(keys[name]!)), name).toHaveLength(0);
  }
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie);
  expect(storage).not.toContain(keys.secretKey);
  expect(storage).not.toContain(keys.identitySecret);
});

/** Probes for `file` through every way Vite's dev server hands out a file: as is, `?raw`, `?import`, `?url`, by `/@fs/`. */
function probes(file: string): string[] {
  const queries = ['', '?raw', '?import', '?raw&import', '?import&raw', '?url', '?inline'];
  const paths = [`/@fs${file}`];
  const inRoot = relative(DEMO_ROOT, file);
  // Inside the Vite root, a file also has a root-relative URL; outside, a climb out of the root is tried.
  paths.push(inRoot.startsWith('..') ? `/${inRoot.split(sep).join('%2F')}` : `/${inRoot.split(sep).join('/')}`);
  return paths.flatMap((path) => queries.map((query) => `${path}${query}`));
}

// keys.json holds the secret key and the identity secret. `npm run demo` keeps it in its default data folder; this
// run's server keeps it in the run's own folder (playwright.config.ts), but it is the same Vite server and config,
// so a keys.json at the default place, and at the place earlier versions used (inside the Vite root, where
// `/.data/keys.json?import` answered the secret key), is put there for the test when there is none.
test('the web server serves no data folder: keys.json at the default place, the old one and this run’s is never answered', async ({ page }) => {
  const folders = [DEFAULT_DATA_DIR, LEGACY_DATA_DIR, process.env.DEMO_E2E_DATA_DIR!];
  expect(relative(DEMO_ROOT, DEFAULT_DATA_DIR).startsWith('..'), 'the default data folder is outside the Vite root').toBe(true);
  const cleanup: string[] = []; // what the test puts there, removed afterwards
  try {
    const files = folders.map((folder) => {
      const file = join(folder, 'keys.json');
      if (!existsSync(file)) {
        const createdFolder = mkdirSync(folder, { recursive: true });
        const canary = { publishableKey: 'pk_live_canary', secretKey: `sk_live_canary_${randomUUID()}`, identitySecret: `canary_${randomUUID()}` };
        writeFileSync(file, JSON.stringify(canary), { flag: 'wx', mode: 0o600 });
        cleanup.push(createdFolder ?? file);
      }
      const keys = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      return { file, secrets: [keys.secretKey!, keys.identitySecret!] };
    });
    // The probes do reach Vite's file serving: the same URLs for a source file answer it.
    for (const url of [`/@fs${join(DEMO_ROOT, 'src/catalog.ts')}?raw`, '/src/catalog.ts?raw']) {
      expect(await (await page.request.get(url)).text(), url).toContain('PRODUCTS');
    }
    const leaks: string[] = [];
    for (const { file, secrets } of files) {
      for (const url of probes(file)) {
        const response = await page.request.get(url);
        const body = await response.text();
        if (secrets.some((secret) => body.includes(secret))) leaks.push(`${response.status()} ${url}`);
      }
    }
    expect(leaks).toEqual([]);
  } finally {
    for (const path of cleanup) rmSync(path, { recursive: true, force: true });
  }
});
