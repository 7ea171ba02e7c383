import { expect, test, type Locator } from '@playwright/test';
import { expectAxeCleanInBothThemes, press, signInAs } from './helpers.js';

// The demo server is the shop's mailer too: Rapport's delivery worker (in the demo's process) posts every event to
// it, it verifies each signature with @rapport/node's verifyWebhook, and the console's Mailer page lists them.

/** Turns `toggle` (a topic × channel switch) to `on`, by keyboard, and waits for the widget to save it. */
async function turn(toggle: Locator, on: boolean) {
  if ((await toggle.isChecked()) === on) return;
  await press(toggle, 'Space');
  await expect(toggle).toBeChecked({ checked: on });
  await expect(toggle.page().getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

test('keyboard only: a customer opts out of Offers by text message, and the Mailer page says so within 5 seconds', async ({ page }) => {
  await signInAs(page, 'Ada Lovelace');
  await press(page.getByRole('link', { name: 'Preferences' }), 'Enter');
  const offersBySms = page.getByRole('group', { name: /^Offers/ }).getByRole('switch', { name: 'Text message' });
  await turn(offersBySms, true); // so that there is something to opt out of
  await turn(offersBySms, false);

  await press(page.getByRole('link', { name: 'Owner console' }), 'Enter');
  await press(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Mailer' }), 'Enter');
  await expect(page).toHaveURL(/\/console\/mailer$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mailer' })).toBeVisible();
  const events = page.getByRole('list', { name: 'Events received, newest first' });
  const optedOut = events.getByRole('listitem').filter({ hasText: /^Ada opted out of Offers by text message at \d{2}:\d{2}$/ });
  await expect(optedOut.first()).toBeVisible({ timeout: 5_000 });
  await expect(events.getByRole('listitem').filter({ hasText: /^Ada opted in to Offers by text message at / }).first()).toBeVisible();
  // The newest event (the site's own jobs send some too) is announced once, in the status line, not the whole list
  // on every refresh.
  await expect(page.getByRole('status').filter({ hasText: /^Latest: .+ at \d{2}:\d{2}\.$/ })).toBeVisible();
  await expectAxeCleanInBothThemes(page);
});

test('the mailer refuses a webhook it cannot verify', async ({ request }) => {
  const forged = await request.post('/demo-api/webhooks', {
    headers: {
      'webhook-id': 'msg_forged',
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': `v1,${Buffer.from('not the signature').toString('base64')}`,
      'content-type': 'application/json',
    },
    data: { type: 'preferences.unsubscribed_all', timestamp: new Date().toISOString(), data: { contact: { id: 'x', externalId: 'user_ada' } } },
  });
  expect(forged.status()).toBe(401);
  const { items } = (await (await request.get('/demo-api/mailer')).json()) as { items: Array<{ id: string }> };
  expect(items.some((item) => item.id.startsWith('msg_forged'))).toBe(false);
});

test('the browser reaches only the allow-listed console operations', async ({ request }) => {
  const post = (path: string, data: unknown) => request.post(`/demo-api/console/${path}`, { data });
  expect((await post('site/createSecretKey', [])).status()).toBe(404);
  expect((await post('webhooks/listEndpoints', [])).status()).toBe(404);
  expect((await post('loyalty/constructor', [])).status()).toBe(404);
  // Per-call options (headers, an idempotency key) are not the browser's to give: one argument too many is refused.
  expect((await post('feedback/listSurveys', [{ headers: { authorization: 'Bearer x' } }])).status()).toBe(400);
  expect((await request.get('/demo-api/console/feedback/listSurveys')).status()).toBe(404);
  const ok = await post('feedback/listSurveys', []);
  expect(ok.status()).toBe(200);
  expect(JSON.stringify(await ok.json())).toContain('svy_demo_nps');
});
