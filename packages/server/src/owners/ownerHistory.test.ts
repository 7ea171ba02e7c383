import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '../store/Store.js';
import { createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: OwnerKit;
let contactId: string;

beforeAll(async () => {
  h = await createHarness();
  kit = await createOwnerKit(h);
  await kit.putStaff('ana', staffInput({ displayName: 'Ana Souza' }));
  await kit.putStaff('ben', staffInput({ displayName: 'Ben Okafor' }));
  // Monday 23 November 2026, 09:00 UTC: both are in (London office hours).
  const touched = await kit.touch('owned', 'ana');
  expect(touched.assigned).toBe(true);
  contactId = touched.contact.contactId;
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** Runs `sql` in a transaction of its own and returns the SQLSTATE it failed with (checked at commit), or null. */
async function failure(sql: string, params: unknown[]): Promise<string | null> {
  const error = await h.store.transaction((tx) => tx.query(sql, params)).then(() => null, (e: unknown) => e);
  return error === null ? null : (sqlState(error) ?? 'unknown');
}

describe('a contact’s current owner in the database', () => {
  it('is always the one its assignment log says', async () => {
    const { rows } = await h.store.query<{ assignment_id: string }>('SELECT assignment_id FROM contact_owners WHERE contact_id = $1', [contactId]);
    const assignment = rows[0]!.assignment_id;
    // Another owner with no line in the log, or a line that names someone else: refused at commit.
    expect(await failure('UPDATE contact_owners SET assignment_id = $2 WHERE contact_id = $1', [contactId, 'oa_not_logged'])).toBe('23503');
    expect(await failure("UPDATE contact_owners SET staff_id = 'ben' WHERE contact_id = $1", [contactId])).toBe('23503');
    expect(await failure("UPDATE contact_owners SET staff_id = 'ben', assignment_id = $2 WHERE contact_id = $1", [contactId, assignment])).toBe('23503');
    const owner = await kit.contactOwner('owned');
    expect(owner.owner).toMatchObject({ staffId: 'ana', method: 'first_touch' });
    expect(owner.history).toHaveLength(1);
  });

  it('keeps at most one owner per contact', async () => {
    const state = await failure(
      `INSERT INTO contact_owners (contact_id, site_id, staff_id, assignment_id, assigned_at)
       SELECT contact_id, site_id, 'ben', assignment_id, assigned_at FROM contact_owners WHERE contact_id = $1`,
      [contactId],
    );
    expect(state).toBe('23505');
  });
});
