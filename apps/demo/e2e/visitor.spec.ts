import { expect, test } from '@playwright/test';
import { tabTo, visitorStatus } from './helpers.js';

test('an anonymous visitor sees live data from the server, then signs in with the keyboard as a seeded customer', async ({ page }) => {
  await page.goto('/');
  const status = visitorStatus(page);
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText(/guest/i);

  // "Visit as": the select's type-ahead picks the customer, and the page reloads signed in.
  const switcher = page.getByLabel('Visit as');
  await tabTo(switcher);
  await page.keyboard.press('a'); // from "Anonymous visitor", the next option starting with A: Ada Lovelace
  await expect(status).toContainText('Signed in as Ada Lovelace');
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(switcher.locator('option:checked')).toHaveText('Ada Lovelace');

  // A signed-in visitor stays known after a reload.
  await page.reload();
  await expect(status).toContainText('Signed in as Ada Lovelace');
});
