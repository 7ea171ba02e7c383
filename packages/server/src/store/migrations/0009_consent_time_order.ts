import type { Migration } from './Migration.js';

/**
 * A consent event's time never precedes the latest event of its contact's chain: the database refuses it
 * (SQLSTATE 23514, constraint `consent_events_time_order`), whatever clock the writer read. Only new inserts are
 * checked, so a log already holding events written out of order migrates as it is; those stay evidence, and
 * chain verification still covers their content. The lookup walks one step down the chain's unique index on
 * (contact_id, sequence), so the check costs the same however long the log grows.
 */
export const migration0009ConsentTimeOrder: Migration = {
  id: 9,
  name: 'consent_time_order',
  statements: [
    `CREATE FUNCTION consent_events_time_order() RETURNS trigger LANGUAGE plpgsql AS $fn$
     DECLARE
       latest timestamptz;
     BEGIN
       SELECT occurred_at INTO latest FROM consent_events
         WHERE contact_id = NEW.contact_id ORDER BY sequence DESC LIMIT 1;
       IF latest IS NOT NULL AND NEW.occurred_at < latest THEN
         RAISE EXCEPTION 'consent event % of contact % at % precedes the chain''s latest event at %',
           NEW.sequence, NEW.contact_id, NEW.occurred_at, latest
           USING ERRCODE = 'check_violation', CONSTRAINT = 'consent_events_time_order', TABLE = 'consent_events';
       END IF;
       RETURN NEW;
     END
     $fn$`,
    `CREATE TRIGGER consent_events_time_order BEFORE INSERT ON consent_events
       FOR EACH ROW EXECUTE FUNCTION consent_events_time_order()`,
  ],
};
