import { expect, test, type Page } from '@playwright/test';
import { choose, expectAxeCleanInBothThemes, headerBadge, press, signInAs, typeInto } from './helpers.js';
import { editStaff, makeAlwaysIn, openOwners, person, reassignAda, save, staffRow } from './ownerConsole.js';

// Who is "in" depends on the clock, so every test first sets the hours it relies on through the console's editor
// (see ownerConsole.ts); "out of office" starts today (midnight in the staff member's zone) and returns in a week.
// Nothing below assumes the time of day. The whole feedback chain with an owner is in feedback.spec.ts.

const accountCard = (page: Page) => page.getByRole('main').getByRole('group', { name: 'Your contact' });

test('the visitor sees her owner in the header badge and on the account card, by name and availability in words', async ({ page }) => {
  const section = await openOwners(page);
  await makeAlwaysIn(section, 'Maya Patel');
  await reassignAda(section, 'Maya Patel');

  await signInAs(page, 'Ada Lovelace');
  const badge = headerBadge(page);
  await expect(badge).toHaveAttribute('data-state', 'ready');
  await expect(badge).toHaveAttribute('data-variant', 'badge');
  await expect(person(badge, 'owner').locator('.rapport-owner-badge__name')).toHaveText('Maya Patel');
  await expect(person(badge, 'owner').locator('.rapport-owner-badge__availability')).toHaveText(/^Available now/);
  await expect(badge.getByRole('link')).toHaveCount(0); // the compact badge: name and availability only

  await press(page.getByRole('link', { name: 'Account' }), 'Enter');
  const card = accountCard(page);
  await expect(card).toHaveAttribute('data-state', 'ready');
  await expect(card).toHaveAttribute('data-availability', 'available');
  const owner = person(card, 'owner');
  await expect(owner.locator('.rapport-owner-badge__name')).toHaveText('Maya Patel');
  await expect(owner.locator('.rapport-owner-badge__availability')).toHaveText(/^Available now/);
  await expect(owner).toContainText('Your coffee concierge'); // her role: a field she shows
  await expect(owner).toContainText('Usually replies within 2 hours');
  await expect(person(card, 'covering')).toHaveCount(0); // she is in: nobody covers
  // The visitor reaches her with the keyboard: from one contact link to the next.
  await press(card.getByRole('link', { name: /^Email Maya Patel: / }), 'Tab');
  await expect(card.getByRole('link', { name: 'Book a meeting with Maya Patel' })).toBeFocused();
  await expect(card.getByRole('link', { name: /Call/ })).toHaveCount(0); // her phone is not a visible field
  // The loyalty card is beside it.
  await expect(page.getByRole('region', { name: 'Your Beans' })).toBeVisible();
  await expectAxeCleanInBothThemes(page);
});

test('the console reassigns Ada by hand: refused while the new owner is away, then logged with who, when and how; the visitor sees the new owner', async ({ page }) => {
  const section = await openOwners(page);
  await makeAlwaysIn(section, 'Maya Patel');
  await makeAlwaysIn(section, 'Samuel Rivera');
  await reassignAda(section, 'Maya Patel');

  // Kenji is out of office (set here, whatever the seed said): nobody away becomes an owner.
  const kenji = await editStaff(section, 'Kenji Watanabe');
  const away = kenji.getByRole('checkbox', { name: 'Away (out of office)' });
  if (!(await away.isChecked())) await press(away, 'Space');
  await save(kenji, 'Kenji Watanabe');
  await expect(staffRow(section, 'Kenji Watanabe')).toContainText('Out of office until');
  const form = section.getByRole('form', { name: 'Reassign by hand' });
  await choose(form.getByLabel('New owner'), 'Kenji Watanabe');
  await press(form.getByRole('button', { name: 'Reassign' }), 'Enter');
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('Only someone who is in right now can become an owner.');
  await expect(alert).toContainText('Kenji Watanabe is not available now (out_of_office)');
  await expect(alert).toContainText('owner_unavailable');
  await expect(section.locator('.demo-owner-now')).toContainText('Owner: Maya Patel');

  // Sam is in: the change is made by Maya, with a note.
  const before = Date.now();
  await reassignAda(section, 'Samuel Rivera', { note: 'Moved to wholesale', by: 'Maya Patel' });
  await expect(form.getByRole('status')).toContainText('user_ada is now owned by Samuel Rivera (manual, logged in the history)');
  const history = section.getByRole('table', { name: 'Owner history of user_ada, oldest first' });
  const last = history.locator('tbody tr').last();
  await expect(last.locator('td')).toHaveText([/\d{4}, \d\d:\d\d$/, 'Samuel Rivera', 'Manual', 'Maya Patel', 'Moved to wholesale']);
  const at = Date.parse((await last.locator('time').getAttribute('datetime')) ?? '');
  expect(at).toBeGreaterThanOrEqual(before - 5_000);
  expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
  const rows = await history.locator('tbody tr').count();
  await expect(history.locator('tbody tr').nth(rows - 2).locator('td').nth(1)).toHaveText('Maya Patel');
  await expect(staffRow(section, 'Samuel Rivera').locator('td').nth(4)).not.toHaveText('0'); // owns Ada now

  // The visitor, after a reload, sees Sam under the alias he shows visitors.
  await signInAs(page, 'Ada Lovelace');
  await page.goto('/account');
  await expect(person(headerBadge(page), 'owner').locator('.rapport-owner-badge__name')).toHaveText('Sam R.');
  const card = accountCard(page);
  await expect(person(card, 'owner').locator('.rapport-owner-badge__name')).toHaveText('Sam R.');
  await expect(person(card, 'owner')).toContainText('Wholesale specialist');
  await expect(card).not.toContainText('Maya Patel');
});

test('out of office, set in the editor: the card says so and shows the backup covering, or the team when nobody covers', async ({ page }) => {
  let section = await openOwners(page);
  await makeAlwaysIn(section, 'Maya Patel');
  await makeAlwaysIn(section, 'Samuel Rivera');
  await reassignAda(section, 'Samuel Rivera');

  // Sam goes out of office from today for a week, with Maya (in) as his backup.
  let sam = await editStaff(section, 'Samuel Rivera');
  await press(sam.getByRole('checkbox', { name: 'Away (out of office)' }), 'Space');
  await expect(sam.getByLabel('From', { exact: true })).not.toHaveValue('');
  await expect(sam.getByLabel('Back on')).not.toHaveValue('');
  await typeInto(sam.getByLabel(/^Note/), 'At the roastery open day');
  await choose(sam.getByLabel('Backup while Samuel Rivera is not in'), 'Maya Patel');
  await save(sam, 'Samuel Rivera');
  await expect(sam.getByRole('status').filter({ hasText: /^Saved\./ })).toContainText('Samuel Rivera now: Out of office until');
  await expect(staffRow(section, 'Samuel Rivera')).toContainText('Out of office until');
  await expectAxeCleanInBothThemes(page, 'section[aria-labelledby="owners-title"]');

  await signInAs(page, 'Ada Lovelace');
  // The compact header badge names who covers, in its one announced line.
  await expect(person(headerBadge(page), 'owner').locator('.rapport-owner-badge__availability')).toHaveText('Out of office · Maya Patel covers');
  await expect(headerBadge(page).getByRole('status')).toHaveText('Out of office · Maya Patel covers');
  await page.goto('/account');
  let card = accountCard(page);
  await expect(card).toHaveAttribute('data-availability', 'out_of_office');
  await expect(person(card, 'owner').locator('.rapport-owner-badge__availability')).toHaveText(/^Out of office until /);
  await expect(card.locator('.rapport-owner-badge__covering')).toHaveText('Sam R. is away. Maya Patel is covering.');
  await expect(person(card, 'covering').locator('.rapport-owner-badge__name')).toHaveText('Maya Patel');
  await expect(person(card, 'covering').locator('.rapport-owner-badge__availability')).toHaveText(/^Available now/);
  await expectAxeCleanInBothThemes(page);

  // Without a backup, the team is named instead: nobody offline is shown as reachable.
  section = await openOwners(page);
  sam = await editStaff(section, 'Samuel Rivera');
  await choose(sam.getByLabel('Backup while Samuel Rivera is not in'), 'Nobody');
  await save(sam, 'Samuel Rivera');
  await expect(staffRow(section, 'Samuel Rivera').locator('td').nth(3)).toHaveText('The team');

  await page.goto('/account');
  card = accountCard(page);
  await expect(person(card, 'owner').locator('.rapport-owner-badge__availability')).toHaveText(/^Out of office until /);
  await expect(person(card, 'covering')).toHaveCount(0);
  await expect(card.locator('.rapport-owner-badge__team')).toHaveText('The Northwind team will get back to you.');
  await expect(person(headerBadge(page), 'owner').locator('.rapport-owner-badge__availability')).toHaveText(
    'Out of office · The Northwind team covers',
  );
});
