import type { SqlExecutor } from '../store/Store.js';

/** A site's verification checkpoint (table `consent_checkpoints`, migration 0016). */
export interface ConsentCheckpoint {
  /** `pg_current_snapshot()` as text when the verification began; `null` once invalidated (or never verified). */
  snapshot: string | null;
  /** Invalidations so far: a verification records its checkpoint only if this has not moved while it ran. */
  generation: number;
  /** When the verification that made the snapshot ran; `null` with no snapshot. */
  verifiedAt: Date | null;
}

/** The site's checkpoint; generation 0 and no snapshot when there is no row yet. */
export async function readConsentCheckpoint(db: SqlExecutor, siteId: string): Promise<ConsentCheckpoint> {
  const { rows } = await db.query<{ snapshot: string | null; generation: string | number; verified_at: Date | null }>(
    'SELECT snapshot::text AS snapshot, generation, verified_at FROM consent_checkpoints WHERE site_id = $1',
    [siteId],
  );
  const row = rows[0];
  return row ? { snapshot: row.snapshot, generation: Number(row.generation), verifiedAt: row.verified_at } : { snapshot: null, generation: 0, verifiedAt: null };
}

/**
 * The database's current snapshot (`xmin:xmax:xip…`): every transaction it sees as committed wrote only events a
 * verification starting now will read. Taken before the first page is read.
 */
export async function currentSnapshot(db: SqlExecutor): Promise<string> {
  const { rows } = await db.query<{ snapshot: string }>('SELECT pg_current_snapshot()::text AS snapshot');
  return rows[0]!.snapshot;
}

/**
 * Records a successful verification that began at `snapshot`, unless the checkpoint was invalidated while it ran
 * (the generation moved: an event was rewritten or removed). Resolves whether it was recorded.
 */
export async function saveConsentCheckpoint(
  db: SqlExecutor,
  input: { siteId: string; snapshot: string; generation: number; eventsVerified: number; now: Date },
): Promise<boolean> {
  const { rows } = await db.query<{ site_id: string }>(
    `INSERT INTO consent_checkpoints AS c (site_id, snapshot, generation, events_verified, verified_at)
     VALUES ($1, $2::pg_snapshot, $3, $4, $5)
     ON CONFLICT (site_id) DO UPDATE SET snapshot = EXCLUDED.snapshot, events_verified = EXCLUDED.events_verified,
       verified_at = EXCLUDED.verified_at
     WHERE c.generation = EXCLUDED.generation
     RETURNING site_id`,
    [input.siteId, input.snapshot, input.generation, input.eventsVerified, input.now],
  );
  return rows.length > 0;
}

/** Drops the site's checkpoint (a full pass found a broken chain): the next verification reads every event again. */
export async function invalidateConsentCheckpoint(db: SqlExecutor, input: { siteId: string; now: Date }): Promise<void> {
  await db.query(
    `INSERT INTO consent_checkpoints AS c (site_id, generation, invalidated_at) VALUES ($1, 1, $2)
     ON CONFLICT (site_id) DO UPDATE SET snapshot = NULL, verified_at = NULL, generation = c.generation + 1, invalidated_at = $2`,
    [input.siteId, input.now],
  );
}
