import { WEEKDAYS, type StaffInput } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';

// The real clock decides who is in, so the staff here work around the clock, every day.
const ALWAYS_IN: NonNullable<StaffInput['weeklyHours']> = WEEKDAYS.map((day) => ({ day, start: '00:00', end: '00:00' }));
const STAFF = Array.from({ length: 50 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);

let h: Harness;
let kit: OwnerKit;

beforeAll(async () => {
  h = await createRaceHarness();
  kit = await createOwnerKit(h);
  for (const id of STAFF) await kit.putStaff(id, staffInput({ displayName: `Staff ${id}`, timeZone: 'UTC', weeklyHours: ALWAYS_IN }));
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

interface HistoryRow {
  staff_id: string | null;
  method: string;
  created_at: Date;
}

/** A contact's owner rows and its assignment log in log order. */
async function ownership(siteId: string, externalId: string) {
  const owners = await h.store.query<{ staff_id: string }>(
    'SELECT o.staff_id FROM contact_owners o JOIN contacts c ON c.id = o.contact_id WHERE c.site_id = $1 AND c.external_id = $2',
    [siteId, externalId],
  );
  const history = await h.store.query<HistoryRow>(
    `SELECT a.staff_id, a.method, a.created_at FROM owner_assignments a JOIN contacts c ON c.id = a.contact_id
     WHERE c.site_id = $1 AND c.external_id = $2 ORDER BY a.seq`,
    [siteId, externalId],
  );
  return { owners: owners.rows, history: history.rows };
}

/** Log lines stamped earlier than the line before them. */
function outOfOrder(history: readonly HistoryRow[]): number {
  return history.filter((row, i) => i > 0 && row.created_at.getTime() < history[i - 1]!.created_at.getTime()).length;
}

describe('contact owners under real concurrency', () => {
  it('gives a contact touched by 50 different staff at once exactly one owner and one history line', async () => {
    const run = await concurrently(h, 50, (i) => kit.touch('race-touch', STAFF[i]!));
    const assigned = run.results.filter((r) => r.assigned);
    const { owners, history } = await ownership(kit.site.site.id, 'race-touch');
    const reasons = run.results.filter((r) => !r.assigned).map((r) => r.reason);
    console.log(
      `first touch: 50 concurrent touches by 50 staff → ${assigned.length} assigned (${assigned[0]?.contact.owner?.staffId}), ` +
        `${reasons.filter((r) => r === 'already_owned').length} already_owned; ${owners.length} owner row, ${history.length} history line (${run.elapsedMs} ms)`,
    );
    expect(assigned).toHaveLength(1);
    expect(reasons).toEqual(Array(49).fill('already_owned'));
    expect(owners).toEqual([{ staff_id: assigned[0]?.contact.owner?.staffId }]);
    expect(history.map(({ staff_id, method }) => ({ staff_id, method }))).toEqual([{ staff_id: owners[0]?.staff_id, method: 'first_touch' }]);
  });

  it('logs 50 concurrent manual reassignments of one contact in time order, the last one owning it', async () => {
    const run = await concurrently(h, 50, (i) => kit.assign('race-manual', { staffId: STAFF[i]!, note: `Reassignment ${i}` }));
    const { owners, history } = await ownership(kit.site.site.id, 'race-manual');
    const late = outOfOrder(history);
    console.log(
      `manual reassignment: 50 concurrent PUTs → ${run.results.filter((r) => r.status === 200).length} × 200; ${owners.length} owner row, ` +
        `${history.length} history lines, ${late} stamped before the line ahead of them (${run.elapsedMs} ms)`,
    );
    expect(run.results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(history).toHaveLength(50);
    expect(late).toBe(0);
    expect(owners).toEqual([{ staff_id: history[49]?.staff_id }]);
  });

  it('never leaves a contact with someone who left while 50 touches named them', async () => {
    await kit.putStaff('leaver', staffInput({ displayName: 'Lee Vere', timeZone: 'UTC', weeklyHours: ALWAYS_IN, backupStaffId: 's01' }));
    // Contacts they already own make the hand-over take a while, so the touches arrive while it runs.
    for (let i = 0; i < 30; i += 1) expect((await kit.touch(`race-leaver-owned-${i}`, 'leaver')).assigned).toBe(true);
    const run = await concurrently(h, 51, async (i) => {
      if (i === 0) return (await kit.admin('/staff/leaver', { method: 'DELETE' })).status;
      const touch = await kit.touch(`race-leaver-${i}`, 'leaver');
      return touch.assigned ? 'assigned' : touch.reason;
    });
    const { rows } = await h.store.query<{ staff_id: string; n: number }>(
      `SELECT o.staff_id, count(*)::int AS n FROM contact_owners o JOIN contacts c ON c.id = o.contact_id
       WHERE c.site_id = $1 AND c.external_id LIKE 'race-leaver-%' GROUP BY o.staff_id ORDER BY o.staff_id`,
      [kit.site.site.id],
    );
    const owned = Object.fromEntries(rows.map((row) => [row.staff_id, row.n]));
    const assigned = run.results.filter((r) => r === 'assigned').length;
    const refused = run.results.filter((r) => r === 'staff_unavailable').length;
    console.log(
      `hand-over: a staff member owning 30 contacts leaves during 50 concurrent touches naming them → ${assigned} assigned, ` +
        `${refused} staff_unavailable; owners now ${JSON.stringify(owned)} (${run.elapsedMs} ms)`,
    );
    expect(run.results[0]).toBe(200);
    expect(owned.leaver ?? 0).toBe(0);
    expect(owned.s01 ?? 0).toBe(30 + assigned);
    expect(assigned + refused).toBe(50);
  });

  it('spreads 30 new signed-in contacts arriving at once evenly over the 3 staff who are in', async () => {
    const shop = await createOwnerKit(h);
    for (const id of ['ana', 'ben', 'cy']) await shop.putStaff(id, staffInput({ displayName: id, timeZone: 'UTC', weeklyHours: ALWAYS_IN }));
    await shop.putStaff('dee', staffInput({ displayName: 'dee', timeZone: 'UTC', weeklyHours: ALWAYS_IN, active: false }));
    await shop.settings({ roundRobin: true });
    const run = await concurrently(h, 30, async (i) => (await shop.owner(await shop.visitor(`rr-burst-${i}`))).slot.owner?.name ?? null);
    const counts: Record<string, number> = {};
    for (const name of run.results) counts[String(name)] = (counts[String(name)] ?? 0) + 1;
    const { rows } = await h.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM owner_assignments a JOIN contacts c ON c.id = a.contact_id
       WHERE c.site_id = $1 AND c.external_id LIKE 'rr-burst-%'`,
      [shop.site.site.id],
    );
    console.log(`round-robin: 30 new contacts at once → ${JSON.stringify(counts)}, ${rows[0]?.n} history lines (${run.elapsedMs} ms)`);
    expect(counts).toEqual({ ana: 10, ben: 10, cy: 10 });
    expect(rows[0]?.n).toBe(30);
  });
});
