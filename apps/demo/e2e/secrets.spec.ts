import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
