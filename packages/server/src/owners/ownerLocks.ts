import type { SqlExecutor } from '../store/Store.js';

// Advisory locks take two int4 keys here (namespace, hash), a key space apart from the single-bigint locks of
// migrations, seeding and catalogs.
const TEAM_LOCK = 5101;
const CONTACT_OWNER_LOCK = 5102;

/** Who takes the team lock: someone assigning contacts (many at once), or someone changing the team (alone). */
export type TeamLockMode = 'assign' | 'change';

/**
 * The site's team lock, held until the transaction ends. Every assignment (first touch, round-robin, manual,
 * carry-over) takes it shared; every change to a staff member (profile, hours, out-of-office, deactivation with
 * its hand-over) takes it exclusive. So whether someone is in is decided on the staff as committed, and a
 * contact is never given to someone whose deactivation is committing at the same moment.
 *
 * Take it before locking any contact row `FOR UPDATE`: a staff change hands contacts over, its foreign keys
 * key-share lock their rows, and it must never wait for an assignment that waits for it. (The `NO KEY UPDATE`
 * lock a visitor's upsert holds does not block a key-share lock.)
 */
export async function lockTeam(tx: SqlExecutor, siteId: string, mode: TeamLockMode): Promise<void> {
  const fn = mode === 'assign' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await tx.query(`SELECT ${fn}($1::int, hashtext($2))`, [TEAM_LOCK, siteId]);
}

/**
 * Serialises every decision about who owns these contacts (is there an owner; who is next; is that person in),
 * until the transaction ends. Taken in id order, so two callers locking overlapping sets cannot deadlock; read
 * the clock after it returns. Holds no row lock: a contact row locked `FOR UPDATE` meanwhile would block the
 * key-share lock an assignment's foreign key takes.
 */
export async function lockContactOwners(tx: SqlExecutor, contactIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(contactIds)].sort()) {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CONTACT_OWNER_LOCK, id]);
  }
}
