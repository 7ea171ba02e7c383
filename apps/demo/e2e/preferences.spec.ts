import type { ContactPreferences } from '@rapport/core';
import { expect, test } from '@playwright/test';
import { adminGet, choose, consoleCall, expectAxeClean, expectAxeCleanInBothThemes, press, signInAs } from './helpers.js';

test('keyboard only: a customer opts in to two topics by email, opens both confirmation links, pauses, then unsubscribes from all with the RFC 8058 one-click link; the console’s consent history shows every step with its wording version', async ({ page, request }) => {
  const before = (await consoleCall(request, 'preferences', 'listConsentEvents', 'user_grace', { limit: 100 })).body.items.length;
  await signInAs(page, 'Grace Hopper');
  await press(page.getByRole('link', { name: 'Preferences' }), 'Enter');
  const email = (topic: RegExp) => page.getByRole('group', { name: topic }).getByRole('switch', { name: 'Email' });
  const newsletter = email(/Roast Report/);
  const offers = email(/^Offers/);
  const pending = page.getByText('Check your inbox to confirm');
  await expect(newsletter).not.toBeChecked(); // nothing pre-ticked
  await expect(offers).not.toBeChecked();
  await expectAxeClean(page, '.rapport-preference-center');

  await press(newsletter, 'Space');
  await expect(pending).toHaveCount(1);
  await press(offers, 'Space');
  await expect(pending).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // The business's mailer reads the pending confirmations and emails each link; she opens them in the browser.
  const { items } = await adminGet<{ items: Array<{ token: string; externalId: string | null; topicId: string; channel: string }> }>(
    request,
    'preferences/confirmations',
  );
  const mine = items.filter((i) => i.externalId === 'user_grace');
  expect(mine.map((i) => `${i.topicId}/${i.channel}`).sort()).toEqual(['newsletter/email', 'offers/email']);
  const link = (token: string) => `/preferences/confirm?token=${encodeURIComponent(token)}`;
  const confirmed = page.getByRole('status').filter({ hasText: 'Confirmed: your email subscription is on.' });
  const notValid = page.getByRole('alert').filter({ hasText: 'This confirmation link is not valid' });
  for (const { token } of mine) {
    await page.goto(link(token));
    await expect(page.getByRole('heading', { level: 1, name: 'Email subscription' })).toBeVisible();
    await expect(confirmed).toBeVisible();
    await expect(notValid).toHaveCount(0);
  }
  await expectAxeCleanInBothThemes(page);
  // A link works once: opened again it changes nothing and says so; so does a link cut short in the email.
  for (const url of [link(mine[0]!.token), link(mine[0]!.token.slice(0, 8))]) {
    await page.goto(url);
    await expect(notValid).toBeVisible();
    await expect(confirmed).toHaveCount(0);
  }
  await expectAxeCleanInBothThemes(page);
  await press(page.getByRole('link', { name: 'Your communication preferences' }), 'Enter');
  await expect(page).toHaveURL(/\/preferences$/);
  await expect(newsletter).toBeChecked();
  await expect(offers).toBeChecked();
  await expect(pending).toHaveCount(0);

  // She pauses everything for a week.
  await press(page.getByRole('button', { name: 'Pause for 1 week' }), 'Enter');
  await expect(page.getByText(/^Paused until /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume now' })).toBeVisible();
  await expectAxeCleanInBothThemes(page);

  // Later, from an email's List-Unsubscribe header: one POST, no sign-in, no cookie (RFC 8058).
  const { apiBaseUrl } = (await (await request.get('/demo-api/config')).json()) as { apiBaseUrl: string };
  const { oneClickUnsubscribeUrl } = await adminGet<ContactPreferences>(request, 'contacts/user_grace/preferences');
  expect(oneClickUnsubscribeUrl).toMatch(new RegExp(`^${apiBaseUrl}/v1/unsubscribe/[\\w-]{43}$`));
  const unsubscribe = await request.post(oneClickUnsubscribeUrl, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
  expect(unsubscribe.status()).toBe(200);
  expect(await unsubscribe.json()).toMatchObject({ unsubscribed: true });
  await page.reload();
  await expect(page.getByText('You’re unsubscribed from all marketing. Orders and account messages still arrive.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resubscribe' })).toBeVisible();
  await expectAxeCleanInBothThemes(page);

  // The console: each step, how it came about, and the version and hash of the exact wording shown.
  await press(page.getByRole('link', { name: 'Owner console' }), 'Enter');
  const section = page.getByRole('region', { name: 'Consent history' });
  await choose(section.getByLabel('Customer'), 'Grace Hopper');
  const rows = section.locator('tbody tr');
  await expect(rows).toHaveCount(before + 6);
  const steps = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll('td')];
      return { what: cells[1]!.textContent, how: cells[2]!.textContent, wording: cells[3]!.textContent, shown: tr.querySelector('code')!.title };
    }),
  );
  expect(steps.slice(before).map(({ what, how }) => [what, how])).toEqual([
    ['pending · newsletter · email', 'widget'],
    ['pending · offers · email', 'widget'],
    ['granted · newsletter · email', 'confirmation link'],
    ['granted · offers · email', 'confirmation link'],
    [expect.stringMatching(/^paused · until \d{1,2} \w{3} \d{4}$/), 'widget'],
    ['unsubscribed_all', 'one click'],
  ]);
  for (const step of steps.slice(before)) expect(step.wording).toMatch(/^v\d+ · [0-9a-f]{12}$/);
  expect(steps[before]!.shown).toContain('The Roast Report');
  expect(steps[before + 1]!.shown).toContain('Offers');
});
