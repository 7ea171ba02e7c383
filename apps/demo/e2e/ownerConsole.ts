import { expect, type Locator, type Page } from '@playwright/test';
import { choose, press, typeInto } from './helpers.js';

// The console's Owners section, driven keyboard-only. Who is "in" depends on the clock, so every test first sets
// the hours it relies on through the console's editor: "always in" is a 00:00–00:00 shift on every day with no
// holidays and no out-of-office. Nothing here assumes the time of day.

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Opens the console and returns its Owners section, once the staff table is there. */
export async function openOwners(page: Page): Promise<Locator> {
  await page.goto('/console');
  const section = page.getByRole('region', { name: 'Owners' });
  await expect(section.getByRole('table', { name: 'Staff, with their availability now' })).toBeVisible();
  return section;
}

/** Opens one staff member's hours editor (focus moves to its heading). */
export async function editStaff(section: Locator, name: string): Promise<Locator> {
  await press(section.getByRole('button', { name: `Edit hours of ${name}` }), 'Enter');
  const form = section.getByRole('form', { name: `Hours of ${name}` });
  await expect(form.getByRole('heading', { name: `Hours of ${name}` })).toBeFocused();
  return form;
}

/** Saves the staff editor `form` of `name` by keyboard and waits for the confirmation. */
export async function save(form: Locator, name: string) {
  await press(form.getByRole('button', { name: `Save ${name}` }), 'Enter');
  await expect(form.getByRole('status').filter({ hasText: /^Saved\./ })).toBeVisible();
}

/** Makes `name` available around the clock: no holidays, not out of office, a whole-day shift every day. */
export async function makeAlwaysIn(section: Locator, name: string) {
  const page = section.page();
  const form = await editStaff(section, name);
  const removeHoliday = form.getByRole('button', { name: /^Remove holiday/ });
  while ((await removeHoliday.count()) > 0) await press(removeHoliday.first(), 'Enter');
  const away = form.getByRole('checkbox', { name: 'Away (out of office)' });
  if (await away.isChecked()) await press(away, 'Space');
  for (const day of DAYS) await press(form.getByRole('checkbox', { name: day, exact: true }), 'Space');
  await typeInto(form.getByLabel('Starts'), '00:00');
  await page.keyboard.press('Tab');
  await page.keyboard.type('00:00');
  await page.keyboard.press('Enter'); // adds the shifts; it does not save the editor
  await expect(form.getByRole('status').filter({ hasText: 'Added' })).toContainText('00:00–00:00, ending the next day');
  await expect(form.getByRole('list', { name: 'Shifts' })).toContainText('Sun 00:00–00:00 (ends next day)');
  await save(form, name);
  await expect(form.getByRole('status').filter({ hasText: /^Saved\./ })).toContainText(`${name} now: Available until`);
  await press(form.getByRole('button', { name: 'Close' }), 'Enter');
  await expect(section.getByRole('button', { name: `Edit hours of ${name}` })).toBeFocused();
}

/** Reassigns `user_ada` to `staff` from the console; `by` names who makes the change. */
export async function reassignAda(section: Locator, staff: string, options: { note?: string; by?: string } = {}) {
  await press(section.getByRole('form', { name: 'Contact', exact: true }).getByRole('button', { name: 'Ada Lovelace' }), 'Enter');
  await expect(section.getByRole('heading', { name: 'Ada Lovelace · user_ada' })).toBeVisible();
  const form = section.getByRole('form', { name: 'Reassign by hand' });
  await choose(form.getByLabel('New owner'), staff);
  await typeInto(form.getByLabel('Note (optional)'), options.note ?? '');
  await choose(form.getByLabel('Changed by'), options.by ?? 'The business');
  await press(form.getByRole('button', { name: 'Reassign' }), 'Enter');
  await expect(form.getByRole('status')).toContainText(new RegExp(`user_ada is now owned by ${staff}|${staff} already owns user_ada`));
  await expect(section.locator('.demo-owner-now')).toContainText(`Owner: ${staff}`);
  await expect(form.getByRole('alert')).toBeEmpty();
  return form;
}

/** The staff table's row of `name`. */
export const staffRow = (section: Locator, name: string) => section.getByRole('row', { name: new RegExp(`^${name}`) });
/** The owner, or whoever covers for them, shown in a contact-owner widget. */
export const person = (widget: Locator, role: 'owner' | 'covering') => widget.locator(`.rapport-owner-badge__person[data-state="${role}"]`);
