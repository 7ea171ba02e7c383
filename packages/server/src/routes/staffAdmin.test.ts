import { OwnerSettingsSchema, StaffListSchema, StaffRemovalSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: OwnerKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createOwnerKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const MONDAY_10_LONDON = new Date('2026-11-23T10:00:00Z');

async function staffRows(): Promise<number> {
  const { rows } = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM staff WHERE site_id = $1', [kit.site.site.id]);
  return rows[0]?.n ?? 0;
}

describe('PUT /v1/admin/staff/{staffId}', () => {
  it('creates (201) then replaces (200), fills the privacy-first defaults and names shift days', async () => {
    h.clock.set(MONDAY_10_LONDON);
    const created = await kit.admin('/staff/maya', {
      method: 'PUT',
      body: staffInput({ weeklyHours: [{ day: 1, start: '09:00', end: '17:00' }, { day: 'fri', start: '22:00', end: '06:00' }] }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: 'maya',
      displayName: 'Maya Patel',
      alias: null,
      email: null,
      visibleFields: ['role', 'responseTime'],
      active: true,
      backupStaffId: null,
      outOfOffice: null,
      responseTime: null,
      weeklyHours: [{ day: 'mon', start: '09:00', end: '17:00' }, { day: 'fri', start: '22:00', end: '06:00' }],
      availability: { state: 'available', until: '2026-11-23T17:00:00.000Z', nextAvailableAt: null, returnDate: null },
      ownedContacts: 0,
    });
    const replaced = await kit.admin('/staff/maya', { method: 'PUT', body: staffInput({ alias: 'Maya P.' }) });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ alias: 'Maya P.', weeklyHours: expect.arrayContaining([{ day: 'tue', start: '13:30', end: '17:30' }]) });
    const one = await kit.admin('/staff/maya');
    expect(await one.json()).toMatchObject({ id: 'maya', alias: 'Maya P.' });
    expect((await kit.admin('/staff/nobody')).status).toBe(404);
  });

  it('refuses a bad time zone, a bad HH:MM, an out-of-office ending before it starts, and a bad photo URL (422, nothing stored)', async () => {
    const before = await staffRows();
    const cases: Array<[Record<string, unknown>, (string | number)[]]> = [
      [staffInput({ timeZone: 'Mars/Olympus_Mons' }), ['timeZone']],
      [{ ...staffInput(), weeklyHours: [{ day: 'mon', start: '9:00', end: '17:00' }] }, ['weeklyHours', 0, 'start']],
      [{ ...staffInput(), weeklyHours: [{ day: 'mon', start: '09:00', end: '24:00' }] }, ['weeklyHours', 0, 'end']],
      [{ ...staffInput(), weeklyHours: [{ day: 7, start: '09:00', end: '17:00' }] }, ['weeklyHours', 0, 'day']],
      [{ ...staffInput(), holidays: [{ date: '2026-02-30' }] }, ['holidays', 0, 'date']],
      [staffInput({ outOfOffice: { from: '2026-12-02T00:00:00Z', until: '2026-12-01T00:00:00Z' } }), ['outOfOffice', 'until']],
      [{ ...staffInput(), photoUrl: 'http://example.com/maya.jpg' }, ['photoUrl']],
      [{ ...staffInput(), visibleFields: ['email', 'email'] }, ['visibleFields']],
      [{ ...staffInput(), salary: 1 }, []],
    ];
    for (const [body, path] of cases) {
      const response = await kit.admin('/staff/bad', { method: 'PUT', body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      const error = await readError(response);
      expect(error.code).toBe('validation_failed');
      if (path.length > 0) expect(error.issues?.map((issue) => issue.path)).toContainEqual(path);
    }
    expect((await kit.admin('/staff/Not_A_Slug', { method: 'PUT', body: staffInput() })).status).toBe(422);
    expect(await staffRows()).toBe(before);
  });

  it('refuses a backup that is the staff member themselves or does not exist (422, nothing stored)', async () => {
    const before = await staffRows();
    const self = await kit.admin('/staff/sam', { method: 'PUT', body: staffInput({ displayName: 'Sam', backupStaffId: 'sam' }) });
    expect(self.status).toBe(422);
    expect((await readError(self)).issues).toEqual([expect.objectContaining({ path: ['backupStaffId'], message: expect.stringMatching(/own backup/) })]);
    const unknown = await kit.admin('/staff/sam', { method: 'PUT', body: staffInput({ displayName: 'Sam', backupStaffId: 'ghost' }) });
    expect((await readError(unknown)).issues).toEqual([expect.objectContaining({ path: ['backupStaffId'] })]);
    expect(await staffRows()).toBe(before);
    await kit.putStaff('sam', staffInput({ displayName: 'Sam', backupStaffId: 'maya' }));
  });

  it('lists every staff member by id with their availability, on this site only', async () => {
    const other = await createTestSite(h.store);
    await h.call('/v1/admin/staff/zed', { publishableKey: null, bearer: other.secretKey, method: 'PUT', body: staffInput({ displayName: 'Zed' }) });
    const list = StaffListSchema.parse(await (await kit.admin('/staff')).json());
    expect(list.items.map((s) => s.id)).toEqual(['maya', 'sam']);
    expect(list.items.every((s) => s.availability.state === 'available')).toBe(true);
  });
});

describe('DELETE /v1/admin/staff/{staffId}', () => {
  it('deactivates, hands contacts to a backup who is in, and leaves them unowned when the backup is away', async () => {
    h.clock.set(MONDAY_10_LONDON);
    await kit.putStaff('lea', staffInput({ displayName: 'Léa Martin', backupStaffId: 'maya' }));
    expect((await kit.touch('handover-1', 'lea')).assigned).toBe(true);
    expect((await kit.touch('handover-2', 'lea')).assigned).toBe(true);
    const removed = await kit.admin('/staff/lea', { method: 'DELETE' });
    expect(removed.status).toBe(200);
    const removal = StaffRemovalSchema.parse(await removed.json());
    expect(removal).toMatchObject({ staff: { id: 'lea', active: false }, handedOver: { toBackup: 2, unowned: 0 } });
    const owner = await kit.contactOwner('handover-1');
    expect(owner.owner).toMatchObject({ staffId: 'maya', method: 'handover', by: 'system' });
    expect(owner.history.map((a) => [a.staffId, a.method])).toEqual([['lea', 'first_touch'], ['maya', 'handover']]);
    // Repeating is harmless.
    expect(StaffRemovalSchema.parse(await (await kit.admin('/staff/lea', { method: 'DELETE' })).json()).handedOver).toEqual({ toBackup: 0, unowned: 0 });

    // Saturday: the backup is away, so nobody gets the contacts.
    await kit.putStaff('lea', staffInput({ displayName: 'Léa Martin', backupStaffId: 'maya' }));
    expect((await kit.touch('handover-3', 'lea')).assigned).toBe(true);
    h.clock.set(new Date('2026-11-28T12:00:00Z'));
    await kit.putStaff('lea', staffInput({ displayName: 'Léa Martin', backupStaffId: 'maya', active: false }));
    const unowned = await kit.contactOwner('handover-3');
    expect(unowned.owner).toBeNull();
    expect(unowned.history.at(-1)).toMatchObject({ staffId: null, method: 'handover', by: 'system' });
    expect((await kit.admin('/staff/ghost', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('owner settings', () => {
  it('has defaults until written, and refuses unknown fields', async () => {
    const fresh = await createTestSite(h.store);
    const read = await h.call('/v1/admin/owner-settings', { publishableKey: null, bearer: fresh.secretKey });
    expect(OwnerSettingsSchema.parse(await read.json())).toEqual({ roundRobin: false, measuredResponseTime: false, teamName: null });
    await kit.settings({ roundRobin: true, teamName: 'The Northwind team' });
    expect(await (await kit.admin('/owner-settings')).json()).toEqual({ roundRobin: true, measuredResponseTime: false, teamName: 'The Northwind team' });
    const bad = await kit.admin('/owner-settings', { method: 'PUT', body: { roundRobin: true, measuredResponseTime: false, teamName: null, extra: 1 } });
    expect(bad.status).toBe(422);
  });
});
