import { StaffRemovalSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BACKUP_HOPS } from '../owners/findCoveringBackup.js';
import { OFFICE_HOURS, createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: OwnerKit;

/** Monday 23 November 2026, 15:00 UTC: London and New York both at work. */
const BOTH_IN = new Date('2026-11-23T15:00:00Z');
/** Monday 20:00 UTC: London has gone home (back Tuesday 09:00 UTC), New York is in until 22:00 UTC. */
const ONLY_NEW_YORK = new Date('2026-11-23T20:00:00Z');
const TEAM = { name: 'The Northwind team' };

/** A London staff member (away at {@link ONLY_NEW_YORK}) with `backup`. */
const london = (displayName: string, backup: string | null = null, extra = {}) =>
  staffInput({ displayName, backupStaffId: backup, ...extra });
/** A New York staff member (in at {@link ONLY_NEW_YORK}) with `backup`. */
const newYork = (displayName: string, backup: string | null = null, extra = {}) =>
  staffInput({ displayName, timeZone: 'America/New_York', weeklyHours: OFFICE_HOURS, backupStaffId: backup, ...extra });

/** The owner slot the visitor `externalId` sees now. */
async function slotOf(externalId: string) {
  return (await kit.owner(await kit.visitor(externalId))).slot;
}

beforeAll(async () => {
  h = await createHarness();
  kit = await createOwnerKit(h);
  h.clock.set(BOTH_IN);
  await kit.settings({ teamName: TEAM.name });
  // A chain of two: Ana → Ben (away) → Cy (in at night, London time).
  await kit.putStaff('cy', newYork('Cy Park', null, { role: 'Night desk' }));
  await kit.putStaff('ben', london('Ben Okafor', 'cy'));
  await kit.putStaff('ana', london('Ana Souza', 'ben'));
  // A cycle: Dee → Eli → Dee.
  await kit.putStaff('dee', london('Dee Ruiz'));
  await kit.putStaff('eli', london('Eli Moss', 'dee'));
  await kit.putStaff('dee', london('Dee Ruiz', 'eli'));
  // Nobody in along the chain: Ivy → Jo → Kim, all in London.
  await kit.putStaff('kim', london('Kim Lund'));
  await kit.putStaff('jo', london('Jo Hart', 'kim'));
  await kit.putStaff('ivy', london('Ivy Chen', 'jo'));
  // Someone who left is passed over to their own backup: Lou → Max (inactive, in New York) → Ned.
  await kit.putStaff('ned', newYork('Ned Fox'));
  await kit.putStaff('max', newYork('Max Roy', 'ned', { active: false }));
  await kit.putStaff('lou', london('Lou Diaz', 'max'));
  // A long chain c1 → … → c4 (London) → c5 (New York), reached from c0 (London) one hop later.
  await kit.putStaff('c5', newYork('Cat Five'));
  for (let i = 4; i >= 0; i -= 1) await kit.putStaff(`c${i}`, london(`Cat ${i}`, `c${i + 1}`));
  await kit.putStaff('deep-5', london('Dana Five', 'c1'));
  await kit.putStaff('deep-6', london('Dana Six', 'c0'));
  for (const [contact, staff] of Object.entries({ 'v-ana': 'ana', 'v-dee': 'dee', 'v-ivy': 'ivy', 'v-lou': 'lou', 'v-deep-5': 'deep-5', 'v-deep-6': 'deep-6' })) {
    expect((await kit.touch(contact, staff)).assigned).toBe(true);
  }
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('the backup chain on GET /v1/visitor/owner', () => {
  it('passes over a backup who is away to their backup who is in, and refreshes when anyone in the chain comes or goes', async () => {
    h.clock.set(ONLY_NEW_YORK);
    const slot = await slotOf('v-ana');
    expect(slot.owner?.name).toBe('Ana Souza');
    expect(slot.availability?.state).toBe('away');
    expect(slot.covering).toEqual({
      owner: expect.objectContaining({ name: 'Cy Park', role: 'Night desk' }),
      availability: { state: 'available', until: '2026-11-23T22:00:00.000Z', nextAvailableAt: null, returnDate: null },
    });
    expect(slot.refreshAt).toBe('2026-11-23T22:00:00.000Z');
    // While the direct backup is in, they cover: the chain is only followed past someone away.
    h.clock.set(BOTH_IN);
    await kit.putStaff('ana', london('Ana Souza', 'ben', { outOfOffice: { from: '2026-11-20T00:00:00Z', until: '2026-11-30T00:00:00Z' } }));
    expect((await slotOf('v-ana')).covering?.owner.name).toBe('Ben Okafor');
    await kit.putStaff('ana', london('Ana Souza', 'ben'));
  });

  it('shows the team when the chain loops back (Dee → Eli → Dee) with both away', async () => {
    h.clock.set(ONLY_NEW_YORK);
    const slot = await slotOf('v-dee');
    expect(slot).toMatchObject({ owner: { name: 'Dee Ruiz' }, availability: { state: 'away' }, covering: null, team: TEAM });
    expect(slot.refreshAt).toBe('2026-11-24T09:00:00.000Z');
  });

  it('shows the team when nobody along the chain is in, never someone offline as covering', async () => {
    h.clock.set(ONLY_NEW_YORK);
    const slot = await slotOf('v-ivy');
    expect(slot).toMatchObject({ availability: { state: 'away' }, covering: null, team: TEAM });
  });

  it('passes over a backup who left the team to their own backup', async () => {
    h.clock.set(ONLY_NEW_YORK);
    expect((await slotOf('v-lou')).covering?.owner.name).toBe('Ned Fox');
  });

  it(`follows at most ${MAX_BACKUP_HOPS} backups`, async () => {
    h.clock.set(ONLY_NEW_YORK);
    expect(MAX_BACKUP_HOPS).toBe(5);
    // Cat Five is the fifth backup of Dana Five, the sixth of Dana Six.
    expect((await slotOf('v-deep-5')).covering?.owner.name).toBe('Cat Five');
    expect(await slotOf('v-deep-6')).toMatchObject({ covering: null, team: TEAM });
  });
});

describe('the backup chain when someone leaves', () => {
  const remove = async (staffId: string) => StaffRemovalSchema.parse(await (await kit.admin(`/staff/${staffId}`, { method: 'DELETE' })).json());

  it('hands the contacts to the first backup in along the chain, noting it in the history', async () => {
    h.clock.set(BOTH_IN);
    await kit.putStaff('leo', london('Leo Grant', 'ben'));
    await kit.touch('v-leo-1', 'leo');
    await kit.touch('v-leo-2', 'leo');
    h.clock.set(ONLY_NEW_YORK);
    expect((await remove('leo')).handedOver).toEqual({ toBackup: 2, unowned: 0 });
    const { owner, history } = await kit.contactOwner('v-leo-1');
    expect(owner).toMatchObject({ staffId: 'cy', method: 'handover', by: 'system', availability: { state: 'available' } });
    expect(history.at(-1)).toMatchObject({ staffId: 'cy', note: 'leo left the team; handed to cy, next in the backup chain' });
  });

  it('leaves the contacts unowned when the chain loops back or nobody along it is in', async () => {
    h.clock.set(BOTH_IN);
    await kit.putStaff('mia', london('Mia Lane', 'eli'));
    await kit.putStaff('eli', london('Eli Moss', 'mia'));
    await kit.touch('v-mia', 'mia');
    await kit.touch('v-jo', 'jo');
    h.clock.set(ONLY_NEW_YORK);
    expect((await remove('mia')).handedOver).toEqual({ toBackup: 0, unowned: 1 });
    expect((await kit.contactOwner('v-mia')).owner).toBeNull();
    expect((await remove('jo')).handedOver).toEqual({ toBackup: 0, unowned: 1 });
    const jo = await kit.contactOwner('v-jo');
    expect(jo.owner).toBeNull();
    expect(jo.history.at(-1)).toMatchObject({ staffId: null, method: 'handover', note: 'jo left the team; no backup in' });
  });
});
