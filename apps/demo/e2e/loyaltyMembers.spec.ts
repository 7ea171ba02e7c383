import { expect, test, type Locator, type Page } from '@playwright/test';
import { consoleCall, expectAxeCleanInBothThemes, press, signInAs, typeInto } from './helpers.js';

// The console's member list, keyboard only: Tab, typing, Enter. Tests share one server (and its data dir) in a run, and
// other specs add members and points: each test reads the figures it compares at the time, from both sides.

const toNumber = (text: string) => Number(text.replace(/[^\d-]/g, ''));

/** The console's Loyalty section, once the member table has loaded. */
async function openLoyalty(page: Page): Promise<Locator> {
  await page.goto('/console');
  const section = page.getByRole('region', { name: 'Loyalty' });
  await expect(members(section).locator('tbody tr').first()).toBeVisible();
  return section;
}

const members = (section: Locator) => section.getByRole('table', { name: 'Loyalty members, newest first' });
const row = (section: Locator, externalId: string) => members(section).locator(`tbody tr[data-external-id="${externalId}"]`);
const openButton = (section: Locator, externalId: string) => row(section, externalId).getByRole('button', { name: `Open ${externalId}`, exact: true });
const listStatus = (section: Locator) => section.locator('.demo-members [role="status"]');
const filterBox = (section: Locator) => section.getByRole('search', { name: 'Loyalty members' }).getByRole('searchbox', { name: 'Filter members' });
const figure = (section: Locator, term: string) =>
  section.locator('.demo-figures > div').filter({ has: section.page().locator('dt', { hasText: term }) }).locator('dd');

/** The table's rows as data, in the order shown. */
async function tableRows(section: Locator) {
  return members(section)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((tr) => {
        const [externalId, name, balance, pending, tier, lastActivity] = [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
        return { externalId: externalId!, name: name!, balance: balance!, pending: pending!, tier: tier!, lastActivity: lastActivity! };
      }),
    );
}

/** Filters the table by typing into the filter box and pressing Enter. */
async function filter(section: Locator, text: string) {
  await typeInto(filterBox(section), text);
  await section.page().keyboard.press('Enter');
}

/** Opens a member from the table with Enter: the member view shows them and takes the focus. */
async function openMember(section: Locator, externalId: string, name: string) {
  await press(openButton(section, externalId), 'Enter');
  await expect(section.getByRole('heading', { level: 3 })).toHaveText(`${name} · ${externalId}`);
  await expect(section.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(openButton(section, externalId)).toHaveAttribute('aria-pressed', 'true');
  await expect(section.getByRole('table', { name: `Ledger of ${externalId}, newest first` }).locator('tbody tr').first()).toBeVisible();
}

test('the seeded members are listed with the balances of their cards; opening one by keyboard shows their card and ledger', async ({ page }) => {
  // Grace's own card, as she sees it on her account page.
  await signInAs(page, 'Grace Hopper', { path: '/account' });
  const card = page.getByRole('region', { name: 'Your Beans' });
  await expect(card).toHaveAttribute('data-state', 'ready');
  const balance = toNumber(await card.locator('.rapport-loyalty-card__balance-value').innerText());
  const pendingNote = card.getByText(/ Beans pending$/);
  const pending = (await pendingNote.count()) === 0 ? 0 : toNumber(await pendingNote.innerText());
  expect(balance).toBeGreaterThan(0);

  const section = await openLoyalty(page);
  const rows = await tableRows(section);
  const grace = rows.find((r) => r.externalId === 'user_grace');
  const ada = rows.find((r) => r.externalId === 'user_ada');
  expect(grace).toMatchObject({ name: 'Grace Hopper', tier: 'Green' });
  expect(ada).toMatchObject({ name: 'Ada Lovelace' });
  expect(toNumber(grace!.balance)).toBe(balance);
  expect(toNumber(grace!.pending)).toBe(pending);
  expect(grace!.lastActivity).not.toBe('—');

  // Each seeded member's card in the console says what their row says, and their ledger is there.
  for (const [externalId, name, listed] of [
    ['user_ada', 'Ada Lovelace', ada!],
    ['user_grace', 'Grace Hopper', grace!],
  ] as const) {
    await openMember(section, externalId, name);
    await expect(figure(section, 'Balance')).toHaveText(listed.balance);
    await expect(figure(section, 'Pending')).toHaveText(listed.pending);
    await expect(figure(section, 'Tier')).toHaveText(listed.tier);
  }

  // An award from the member view shows in the table at once: the list is read again after every ledger write.
  const award = section.getByRole('form', { name: 'Award points for an order' });
  const order = `e2e-members-${Date.now().toString(36)}`;
  await typeInto(award.getByLabel('Order id'), order);
  await typeInto(award.getByLabel('Amount (GBP)'), '2.50');
  await page.keyboard.press('Enter');
  await expect(award.getByRole('status')).toContainText(`Awarded 25 Beans for order ${order}`);
  const pendingCell = row(section, 'user_grace').locator('td').nth(2);
  await expect.poll(async () => toNumber(await pendingCell.innerText())).toBe(toNumber(grace!.pending) + 25);
  await expect(figure(section, 'Pending')).toHaveText(await pendingCell.innerText());
});

test('filtering by name or external id, in any case; nothing found; then every member again', async ({ page }) => {
  const section = await openLoyalty(page);
  const everyone = (await tableRows(section)).map((r) => r.externalId);
  expect(everyone).toEqual(expect.arrayContaining(['user_ada', 'user_grace']));
  const status = listStatus(section);

  await filter(section, 'LOVELACE');
  await expect(members(section).locator('tbody tr')).toHaveCount(1);
  expect((await tableRows(section))[0]).toMatchObject({ externalId: 'user_ada', name: 'Ada Lovelace' });
  await expect(status).toHaveText('1 member matching “LOVELACE” shown.');

  await filter(section, 'r_gra');
  await expect(members(section).locator('tbody tr')).toHaveCount(1);
  expect((await tableRows(section))[0]).toMatchObject({ externalId: 'user_grace' });

  await filter(section, 'nobody-by-this-name');
  await expect(status).toHaveText('No member matches “nobody-by-this-name”.');
  await expect(members(section)).toHaveCount(0);

  await press(section.getByRole('button', { name: 'Show all members' }), 'Enter');
  await expect(members(section).locator('tbody tr')).toHaveCount(everyone.length);
  await expect(filterBox(section)).toHaveValue('');

  // A member found by the filter opens like any other.
  await filter(section, 'ada');
  await openMember(section, 'user_ada', 'Ada Lovelace');
});

test('"Load more members" pages through every member once, the focus going to the first one loaded', async ({ page }) => {
  // Pages of one member (the server's own paging, asked for smaller pages than the console's), so the seeded members
  // alone make several pages.
  const list = (url: URL) => url.pathname === '/demo-api/console/loyalty/listMembers';
  await page.route(list, (route) => {
    const [query] = route.request().postDataJSON() as [Record<string, unknown>];
    return route.continue({ postData: JSON.stringify([{ ...query, limit: 1 }]) });
  });
  const section = await openLoyalty(page);
  await expect(members(section).locator('tbody tr')).toHaveCount(1);
  const loadMore = section.getByRole('button', { name: 'Load more members' });
  await expect(listStatus(section)).toHaveText('1 member shown. More to load.');
  for (let shown = 1; (await loadMore.count()) > 0 && shown < 50; shown++) {
    await press(loadMore, 'Enter');
    await expect(members(section).locator('tbody tr')).toHaveCount(shown + 1);
    await expect(members(section).locator('tbody tr').nth(shown).getByRole('button')).toBeFocused();
  }
  const ids = (await tableRows(section)).map((r) => r.externalId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(expect.arrayContaining(['user_ada', 'user_grace']));
  await expect(listStatus(section)).toHaveText(`${ids.length} members shown.`);
  await page.unroute(list);
  const all = (await consoleCall(page.request, 'loyalty', 'listMembers', { limit: 100 })).body;
  expect(ids).toEqual(all.members.map((m) => m.externalId));
});

test('axe finds nothing on the console with the member table and a member open, in the light and the dark theme', async ({ page }) => {
  const section = await openLoyalty(page);
  await openMember(section, 'user_grace', 'Grace Hopper');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectAxeCleanInBothThemes(page);
});
