import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('an anonymous visitor sees live data from the server, then signs in as a seeded customer', async ({ page }) => {
  await page.goto('/');
  const status = page.locator('.rapport-visitor-status');
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText(/guest/i);

  await page.getByLabel('Visit as').selectOption({ label: 'Ada Lovelace' });
  await expect(status).toContainText('Signed in as Ada Lovelace');
  await expect(status).toHaveAttribute('data-state', 'ready');

  // A signed-in visitor stays known after a reload.
  await page.reload();
  await expect(status).toContainText('Signed in as Ada Lovelace');
});

test('the demo page has no axe violations in light and dark', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.rapport-visitor-status')).toHaveAttribute('data-state', 'ready');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole('button', { name: /dark theme/i }).click();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
