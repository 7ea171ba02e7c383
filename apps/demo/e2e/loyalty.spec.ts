import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAxeClean, expectAxeCleanInBothThemes, press, setTheme, signInAs, typeInto } from './helpers.js';

// Tests share one server (and its data dir) in a run: every order id is unique, and no test relies on another.
const orderId = (label: string) => `e2e-${label}-${Date.now().toString(36)}`;
const toNumber = (text: string) => Number(text.replace(/[^\d+-]/g, ''));

/** The console's loyalty section, on the member with `externalId`, picked keyboard-only. */
async function openMember(page: Page, externalId: string): Promise<Locator> {
  await page.goto('/console');
  const section = page.getByRole('region', { name: 'Loyalty' });
  await typeInto(section.getByLabel('External id'), externalId);
  await page.keyboard.press('Enter');
  await expect(section.getByRole('heading', { level: 3 })).toContainText(externalId);
  await expect(ledger(page, externalId).locator('tbody tr').first()).toBeVisible();
  return section;
}

const ledger = (page: Page, externalId: string) => page.getByRole('table', { name: `Ledger of ${externalId}, newest first` });
const figure = (section: Locator, term: string) => section.locator('.demo-figures > div').filter({ has: section.page().locator('dt', { hasText: term }) }).locator('dd');

/** The ledger rows as data: signed points, whether pending, key. */
async function ledgerRows(table: Locator) {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
      return { type: cells[0]!, points: cells[1]!, available: cells[4]!, key: cells[6]! };
    }),
  );
}

/** Awards an order from the console using the keyboard only: Tab, typing, Enter. */
async function awardKeyboardOnly(page: Page, section: Locator, award: { orderId: string; amount: string; reason?: string }) {
  const form = section.getByRole('form', { name: 'Award points for an order' });
  await typeInto(form.getByLabel('Order id'), award.orderId);
  await page.keyboard.press('Tab'); // the checked radio: "Amount spent"
  await expect(form.getByRole('radio', { name: 'Amount spent' })).toBeFocused();
  await expect(form.getByRole('radio', { name: 'Amount spent' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Amount (GBP)')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(award.amount);
  await page.keyboard.press('Tab');
  await expect(form.getByLabel(/^Reason/)).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(award.reason ?? '');
  await page.keyboard.press('Enter');
  return form;
}

/** The visitor's card on the account page, loaded. */
async function accountCard(page: Page): Promise<Locator> {
  await page.goto('/account');
  const card = page.getByRole('region', { name: 'Your Beans' });
  await expect(card).toHaveAttribute('data-state', 'ready');
  return card;
}
const balanceOf = async (card: Locator) => toNumber(await card.locator('.rapport-loyalty-card__balance-value').innerText());
const pendingOf = async (card: Locator) => {
  const note = card.getByText(/ Beans pending$/);
  return (await note.count()) === 0 ? 0 : toNumber(await note.innerText());
};

test('owner awards keyboard-only → the customer sees it pending, redeems keyboard-only → the ledger adds up, replays and reversals are recorded', async ({ page }) => {
  const order = orderId('grace');
  await signInAs(page, 'Grace Hopper', { path: '/account' });
  let card = await accountCard(page);
  const balance = await balanceOf(card);
  const pending = await pendingOf(card);
  expect(balance).toBeGreaterThanOrEqual(100); // Grace's seeded orders and welcome: 470

  // The owner awards £18.40 (184 Beans) for the order, keyboard only.
  let section = await openMember(page, 'user_grace');
  const award = await awardKeyboardOnly(page, section, { orderId: order, amount: '18.40', reason: `Order ${order}` });
  await expect(award.getByRole('status')).toContainText(`Awarded 184 Beans for order ${order}: pending until`);

  // The customer's card: pending grew (inside the 14-day approval window), the balance did not.
  card = await accountCard(page);
  await expect(card.getByText(`${pending + 184} Beans pending`)).toBeVisible();
  expect(await balanceOf(card)).toBe(balance);
  const line = card.locator('.rapport-loyalty-card__entry').filter({ hasText: `Order ${order}` });
  await expect(line).toContainText('+184');
  await expect(line).toContainText('pending');
  await expectAxeClean(page, '.rapport-loyalty-card');

  // She redeems a free espresso (100 Beans) with the keyboard only. The modal dialog is named by its title: the
  // confirmation, then the outcome (wording is the widget's). Axe checks it open in both themes: the page behind a
  // modal is inert, so the theme is switched while it is closed. In the light theme she looks, then cancels.
  const redeem = card.getByRole('button', { name: 'Redeem Free espresso' });
  const dialog = page.getByRole('dialog', { name: /Free espresso/ });
  await press(redeem, 'Enter');
  await expect(dialog).toContainText('100 Beans');
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeFocused();
  await expectAxeClean(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(redeem).toBeFocused();
  await expect(card.locator('.rapport-loyalty-card__balance-value')).toHaveText(String(balance)); // nothing spent
  // In the dark theme she confirms.
  await setTheme(page, 'dark');
  await press(redeem, 'Enter');
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeFocused();
  await expectAxeClean(page);
  await page.keyboard.press('Enter');
  const code = dialog.locator('.rapport-loyalty-card__code');
  await expect(code).toHaveText(/^\S{4,}$/);
  await expect(dialog).toContainText('Show this code at the till.');
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
  await expectAxeClean(page); // the outcome, with the code
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(redeem).toBeFocused(); // focus returns to the reward (still affordable at 370)
  await expect(card.getByRole('status')).toContainText('Free espresso');
  await expect(card.locator('.rapport-loyalty-card__balance-value')).toHaveText(String(balance - 100));

  // The console: the redeem entry is in the ledger, and the balance is the sum of the available entries.
  section = await openMember(page, 'user_grace');
  const table = ledger(page, 'user_grace');
  const rows = await ledgerRows(table);
  expect(rows[0]).toMatchObject({ type: 'redeem', points: '-100' });
  expect(rows[1]).toMatchObject({ type: 'earn', points: '+184', key: `order:${order}` });
  const available = rows.filter((r) => !r.available.startsWith('Pending')).reduce((sum, r) => sum + toNumber(r.points), 0);
  const pendingSum = rows.filter((r) => r.available.startsWith('Pending')).reduce((sum, r) => sum + toNumber(r.points), 0);
  await expect(figure(section, 'Balance')).toHaveText(`${balance - 100} Beans`);
  expect(available).toBe(balance - 100);
  expect(pendingSum).toBe(pending + 184);

  // The shop's server retries the award for the same order: the original entry comes back, no new one.
  const again = await awardKeyboardOnly(page, section, { orderId: order, amount: '18.40', reason: `Order ${order}` });
  await expect(again.getByRole('status')).toContainText(`Order ${order} was already awarded`);
  await expect(table.locator('tbody tr')).toHaveCount(rows.length);

  // The order is refunded: the reversal is recorded and the pending points are gone.
  const reverse = section.getByRole('form', { name: 'Reverse an order' });
  await typeInto(reverse.getByLabel('Order id'), order);
  await page.keyboard.press('Tab');
  await expect(reverse.getByLabel('Reason')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Refunded');
  await page.keyboard.press('Enter');
  await expect(reverse.getByRole('status')).toContainText(`Reversed order ${order}: 184 Beans taken back.`);
  await expect(table.locator('tbody tr')).toHaveCount(rows.length + 1);
  expect((await ledgerRows(table))[0]).toMatchObject({ type: 'reverse', points: '-184', key: `reverse:${order}` });
  await expect(figure(section, 'Pending')).toHaveText(`${pending} Beans`);
  await expect(figure(section, 'Balance')).toHaveText(`${balance - 100} Beans`);
});

test('an anonymous visitor sees the card’s sign-in invitation (axe on every page: pages.spec.ts)', async ({ page }) => {
  await page.goto('/account');
  const card = page.getByRole('region', { name: 'Your rewards' });
  await expect(card).toHaveAttribute('data-state', 'anonymous');
  await expect(card).toContainText('Sign in to collect points');
  await expect(card.getByRole('button')).toHaveCount(0);
});

test('the console awards, replays, rejects a changed replay, reverses and adjusts — with the server’s answers shown', async ({ page }) => {
  const section = await openMember(page, 'user_ada');
  const table = ledger(page, 'user_ada');
  const rowsBefore = (await ledgerRows(table)).length;
  const pendingBefore = toNumber(await figure(section, 'Pending').innerText());
  const order = orderId('ada');

  const award = await awardKeyboardOnly(page, section, { orderId: order, amount: '12.50' });
  await expect(award.getByRole('status')).toContainText(`Awarded 125 Beans for order ${order}: pending until`);
  await expect(table.locator('tbody tr')).toHaveCount(rowsBefore + 1);
  await expect(figure(section, 'Pending')).toHaveText(`${pendingBefore + 125} Beans`);
  const [newest] = await ledgerRows(table);
  expect(newest).toMatchObject({ type: 'earn', points: '+125', key: `order:${order}` });
  expect(newest!.available).toMatch(/^Pending until/);

  // The same order again: the original entry comes back, nothing new is written.
  await page.keyboard.press('Enter');
  await expect(award.getByRole('status')).toContainText(`Order ${order} was already awarded (125 Beans on`);
  await expect(award.getByRole('status')).toContainText('nothing new was written');
  await expect(table.locator('tbody tr')).toHaveCount(rowsBefore + 1);

  // The same order with another amount is refused with the envelope's code.
  await award.getByLabel('Amount (GBP)').fill('99');
  await page.keyboard.press('Enter');
  const alert = award.getByRole('alert');
  await expect(alert).toContainText(`Order ${order} was already awarded with different details`);
  await expect(alert).toContainText('idempotency_conflict');
  await expect(award.getByRole('status')).toBeEmpty();

  // A refund: the pending award is cancelled in full.
  const reverse = section.getByRole('form', { name: 'Reverse an order' });
  await reverse.getByLabel('Order id').fill(order);
  await reverse.getByLabel('Reason').fill('Refunded: parcel lost');
  await reverse.getByRole('button', { name: 'Reverse order' }).press('Enter');
  await expect(reverse.getByRole('status')).toContainText(`Reversed order ${order}: 125 Beans taken back.`);
  await expect(table.locator('tbody tr')).toHaveCount(rowsBefore + 2);
  expect((await ledgerRows(table))[0]).toMatchObject({ type: 'reverse', points: '-125', key: `reverse:${order}` });
  await expect(figure(section, 'Pending')).toHaveText(`${pendingBefore} Beans`);

  // An adjustment beyond the balance: the server's 409 is shown as an alert; the key is kept for a retry.
  const adjust = section.getByRole('form', { name: 'Adjust points' });
  const key = await adjust.locator('code').innerText();
  await adjust.getByLabel('Points (negative to deduct)').fill('-1000000');
  await adjust.getByLabel('Reason').fill('Typo test');
  await adjust.getByRole('button', { name: 'Adjust points' }).press('Enter');
  await expect(adjust.getByRole('alert')).toContainText('insufficient_points');
  await expect(adjust.locator('code').first()).toHaveText(key);

  await adjust.getByLabel('Points (negative to deduct)').fill('15');
  await adjust.getByLabel('Reason').fill('Goodwill: late delivery');
  await page.keyboard.press('Enter');
  await expect(adjust.getByRole('status')).toContainText(`Adjusted: +15 Beans (key adjust:${key})`);
  await expect(adjust.getByRole('alert')).toBeEmpty();
  await expect(adjust.locator('code').first()).not.toHaveText(key); // a fresh key for the next correction
  expect((await ledgerRows(table))[0]).toMatchObject({ type: 'adjust', points: '+15', key: `adjust:${key}` });

  await expectAxeCleanInBothThemes(page, 'section[aria-labelledby="loyalty-title"]');
});

test('a new member: awarding makes them one, and a pending award is reversed in full, once', async ({ page }) => {
  // An e-mail as the shop's user id: the console proxy passes the encoded `@` and `.` through.
  const member = `e2e.${Date.now().toString(36)}@example.com`;
  const order = orderId('new');
  await page.goto('/console');
  const section = page.getByRole('region', { name: 'Loyalty' });
  await section.getByLabel('External id').fill(member);
  await section.getByRole('button', { name: 'Show member' }).click();
  await expect(section.getByText('Not a member yet')).toBeVisible();

  const award = section.getByRole('form', { name: 'Award points for an order' });
  await award.getByLabel('Order id').fill(order);
  await award.getByRole('radio', { name: 'Fixed points' }).check();
  await award.getByLabel('Points (Beans)').fill('30');
  await award.getByRole('button', { name: 'Award points' }).click();
  await expect(award.getByRole('status')).toContainText(`Awarded 30 Beans for order ${order}: pending until`);
  await expect(figure(section, 'Pending')).toHaveText('30 Beans');
  await expect(ledger(page, member).locator('tbody tr')).toHaveCount(2); // the earn and the welcome reward (granted on joining)

  const reverse = section.getByRole('form', { name: 'Reverse an order' });
  await reverse.getByLabel('Order id').fill(order);
  await reverse.getByLabel('Reason').fill('Cancelled');
  await reverse.getByRole('button', { name: 'Reverse order' }).click();
  await expect(reverse.getByRole('status')).toHaveText(`Reversed order ${order}: 30 Beans taken back.`);
  await expect(figure(section, 'Pending')).toHaveText('0 Beans');
  await reverse.getByRole('button', { name: 'Reverse order' }).click();
  await expect(reverse.getByRole('status')).toContainText(`Order ${order} was already reversed`);
  await expect(ledger(page, member).locator('tbody tr')).toHaveCount(3);

  // An order nobody was awarded for: the server's 404 as an alert.
  await reverse.getByLabel('Order id').fill(orderId('nobody'));
  await reverse.getByRole('button', { name: 'Reverse order' }).click();
  await expect(reverse.getByRole('alert')).toContainText('not_found');
});

test('a refund of a spendable award is clamped by the balance, and the console says so', async ({ page }) => {
  // Ada's seeded order demo-1001 (125 Beans, 60 days ago) is spendable. Spend down to 20, then refund it.
  const section = await openMember(page, 'user_ada');
  const balance = toNumber(await figure(section, 'Balance').innerText());
  expect(balance, 'a fresh data dir (playwright.config.ts makes one per run)').toBeGreaterThanOrEqual(125);
  const adjust = section.getByRole('form', { name: 'Adjust points' });
  await adjust.getByLabel('Points (negative to deduct)').fill(String(20 - balance));
  await adjust.getByLabel('Reason').fill('Spent in store');
  await adjust.getByRole('button', { name: 'Adjust points' }).click();
  await expect(figure(section, 'Balance')).toHaveText('20 Beans');

  const reverse = section.getByRole('form', { name: 'Reverse an order' });
  await reverse.getByLabel('Order id').fill('demo-1001');
  await reverse.getByLabel('Reason').fill('Refunded');
  await reverse.getByRole('button', { name: 'Reverse order' }).click();
  await expect(reverse.getByRole('status')).toContainText('Reversed order demo-1001: 20 Beans taken back.');
  await expect(reverse.getByRole('status')).toContainText('Clamped: the award was 125 Beans, but only 20 Beans were left to take back');
  await expect(figure(section, 'Balance')).toHaveText('0 Beans');
  expect((await ledgerRows(ledger(page, 'user_ada')))[0]).toMatchObject({ type: 'reverse', points: '-20', key: 'reverse:demo-1001' });
});
