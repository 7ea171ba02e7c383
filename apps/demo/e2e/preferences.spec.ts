import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('a customer opts in keyboard-only, confirms the email double opt-in, and the console shows the history', async ({ page, request }) => {
  await page.goto('/');
  await page.getByLabel('Visit as').selectOption({ label: 'Grace Hopper' });
  await expect(page.locator('.rapport-visitor-status')).toContainText('Grace Hopper');
  await page.getByRole('link', { name: 'Preferences' }).click();

  const newsletterEmail = page.getByRole('group', { name: /Roast Report/ }).getByRole('switch', { name: 'Email' });
  await expect(newsletterEmail).not.toBeChecked(); // nothing pre-ticked
  expect((await new AxeBuilder({ page }).include('.rapport-preference-center').analyze()).violations).toEqual([]);

  await newsletterEmail.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByText('Check your inbox to confirm')).toBeVisible();

  // The business's mailer reads the pending confirmation and the visitor follows the link.
  const pending = await request.get('/demo-api/console/preferences/confirmations');
  const { items } = (await pending.json()) as { items: Array<{ token: string; externalId: string }> };
  const token = items.find((i) => i.externalId === 'user_grace')?.token;
  expect(token).toBeTruthy();
  const config = (await (await request.get('/demo-api/config')).json()) as { apiBaseUrl: string };
  const confirmed = await request.post(`${config.apiBaseUrl}/v1/preferences/confirm`, { data: { token } });
  expect(confirmed.status()).toBe(200);

  await page.reload();
  await expect(newsletterEmail).toBeChecked();
  await expect(page.getByText('Check your inbox to confirm')).toHaveCount(0);

  await page.getByRole('link', { name: 'Owner console' }).click();
  await page.getByLabel('Customer').selectOption({ label: 'Grace Hopper' });
  const history = page.locator('.demo-consent');
  await expect(history).toContainText('pending');
  await expect(history).toContainText('granted');
  await expect(history).toContainText('confirmation link');
});
