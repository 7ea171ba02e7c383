import type { Migration } from './Migration.js';

/**
 * Consent verification that resumes: a checkpoint per site says which events a successful verification covered, so
 * the next one verifies only what came since.
 *
 * - `consent_events.written_xid`: the transaction that wrote the event, always set by the database itself (a BEFORE
 *   INSERT trigger overrides whatever the writer passed), indexed per site. Rows written before this migration keep
 *   `NULL`: they are older than any checkpoint.
 * - `consent_checkpoints`: per site, the database snapshot a verification started from (`pg_current_snapshot()`).
 *   Every event visible in that snapshot was verified; the events written since are exactly those whose
 *   `written_xid` it does not see. Commit order, not xid order, decides, so an event of a transaction that was
 *   still running when the checkpoint was taken is never skipped. `generation` counts invalidations: a
 *   verification records its checkpoint only if no invalidation happened while it ran.
 * - Invalidation in the database: consent events are append-only (their UPDATE/DELETE trigger raises), but if
 *   someone with table-owner rights disables that trigger and rewrites or removes an event, these AFTER triggers
 *   drop the site's checkpoint, so the next verification is a full pass. Disabling every trigger defeats that too:
 *   a full pass (`?full=true`) is the only check that re-reads every event.
 */
export const migration0016ConsentCheckpoints: Migration = {
  id: 16,
  name: 'consent_checkpoints',
  statements: [
    `ALTER TABLE consent_events ADD COLUMN written_xid xid8`,
    `CREATE INDEX consent_events_written_idx ON consent_events (site_id, written_xid)`,
    `CREATE FUNCTION consent_events_written_xid() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       NEW.written_xid := pg_current_xact_id();
       RETURN NEW;
     END
     $fn$`,
    `CREATE TRIGGER consent_events_written_xid BEFORE INSERT ON consent_events
       FOR EACH ROW EXECUTE FUNCTION consent_events_written_xid()`,
    `CREATE TABLE consent_checkpoints (
      site_id text PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,
      snapshot pg_snapshot,
      generation bigint NOT NULL DEFAULT 0 CHECK (generation >= 0),
      events_verified bigint NOT NULL DEFAULT 0 CHECK (events_verified >= 0),
      verified_at timestamptz,
      invalidated_at timestamptz,
      CHECK ((snapshot IS NULL) = (verified_at IS NULL))
    )`,
    `CREATE FUNCTION consent_checkpoints_invalidate() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_LEVEL = 'STATEMENT' THEN
         UPDATE consent_checkpoints SET snapshot = NULL, verified_at = NULL, generation = generation + 1, invalidated_at = now();
         RETURN NULL;
       END IF;
       INSERT INTO consent_checkpoints AS c (site_id, generation, invalidated_at) VALUES (OLD.site_id, 1, now())
         ON CONFLICT (site_id) DO UPDATE SET snapshot = NULL, verified_at = NULL, generation = c.generation + 1, invalidated_at = now();
       IF TG_OP = 'UPDATE' AND NEW.site_id IS DISTINCT FROM OLD.site_id THEN
         INSERT INTO consent_checkpoints AS c (site_id, generation, invalidated_at) VALUES (NEW.site_id, 1, now())
           ON CONFLICT (site_id) DO UPDATE SET snapshot = NULL, verified_at = NULL, generation = c.generation + 1, invalidated_at = now();
       END IF;
       RETURN NULL;
     END
     $fn$`,
    `CREATE TRIGGER consent_events_invalidate_checkpoint AFTER UPDATE OR DELETE ON consent_events
       FOR EACH ROW EXECUTE FUNCTION consent_checkpoints_invalidate()`,
    `CREATE TRIGGER consent_events_truncate_checkpoints AFTER TRUNCATE ON consent_events
       FOR EACH STATEMENT EXECUTE FUNCTION consent_checkpoints_invalidate()`,
  ],
};
