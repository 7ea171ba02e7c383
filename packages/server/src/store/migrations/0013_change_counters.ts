import type { Migration } from './Migration.js';

/**
 * Tables the bootstrap reads whose rows belong to one contact, and the column naming it: `contact_id`, or
 * `account_id` of a loyalty account. `bootstrap/changeCounters.test.ts` checks that every table the bootstrap reads is here,
 * in {@link SITE_TABLES}, or `contacts` itself.
 */
export const CONTACT_TABLES: ReadonlyArray<readonly [table: string, column: 'contact_id' | 'account_id']> = [
  ['feedback_events', 'contact_id'],
  ['feedback_responses', 'contact_id'],
  ['contact_preferences', 'contact_id'],
  ['preference_choices', 'contact_id'],
  ['preference_frequencies', 'contact_id'],
  ['preference_confirmations', 'contact_id'],
  ['consent_events', 'contact_id'],
  ['loyalty_accounts', 'contact_id'],
  ['loyalty_ledger', 'account_id'],
  ['loyalty_pending', 'account_id'],
  ['loyalty_redemptions', 'account_id'],
  ['contact_owners', 'contact_id'],
  ['owner_assignments', 'contact_id'],
];

/** Tables the bootstrap reads whose rows change what every visitor of a site sees, and the column naming the site. */
export const SITE_TABLES: ReadonlyArray<readonly [table: string, column: 'site_id' | 'id']> = [
  ['sites', 'id'],
  ['surveys', 'site_id'],
  ['loyalty_programs', 'site_id'],
  ['owner_settings', 'site_id'],
  ['preference_catalogs', 'site_id'],
  ['staff', 'site_id'],
];

/** Three statement-level triggers (a trigger with transition tables has one event) calling `fn`. */
function triggersOn(table: string, fn: string): string[] {
  return [
    `CREATE TRIGGER ${table}_count_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${table}_count_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${table}_count_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

/** A trigger function appending to `counter` the ids `idsOf(rows)` names, for new rows and for old rows. */
function countingFunction(name: string, counter: 'contact_changes (contact_id)' | 'site_changes (site_id)', idsOf: (rows: string) => string): string {
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_OP <> 'DELETE' THEN INSERT INTO ${counter} ${idsOf('new_rows')}; END IF;
       IF TG_OP <> 'INSERT' THEN INSERT INTO ${counter} ${idsOf('old_rows')}; END IF;
       RETURN NULL;
     END
     $fn$`;
}

/** The contacts `named` (a query of `id`s) and the signed-in contacts any of them was merged into. */
const withMergeTargets = (named: string) =>
  `SELECT id FROM (${named}) named WHERE id IS NOT NULL
   UNION SELECT c.merged_into_id FROM contacts c WHERE c.merged_into_id IS NOT NULL AND c.id IN (${named})`;

const COUNT_BY = {
  contact_id: 'rapport_count_changes_by_contact',
  account_id: 'rapport_count_changes_by_account',
  site_id: 'rapport_count_changes_by_site',
  id: 'rapport_count_changes_of_site',
} as const;

/**
 * Change counters: what lets a server cache a visitor's bootstrap and know with one indexed read that nothing it
 * was built from has changed since, on this instance or any other on the database.
 *
 * Every write to a table the bootstrap reads appends rows to `contact_changes` (the contacts it names, and the
 * signed-in contacts those were merged into) or to `site_changes`, from statement-level triggers, whatever code
 * wrote it. A version is the sum of a contact's (or site's) `weight`s: appending only ever raises it, in whatever
 * order concurrent transactions commit, and no writer waits for another (there is no shared row to lock). The
 * maintenance loop folds a contact's rows into one carrying their summed weight, so versions stay cheap to read and
 * never go back. Not every change counts: `contacts.last_seen_at` changes nothing a visitor sees; a staff member's
 * first reply to a response changes the site's measured response times.
 */
export const migration0013ChangeCounters: Migration = {
  id: 13,
  name: 'change_counters',
  statements: [
    `CREATE TABLE contact_changes (
       id bigserial PRIMARY KEY,
       contact_id text NOT NULL,
       weight bigint NOT NULL DEFAULT 1 CHECK (weight > 0)
     )`,
    `CREATE INDEX contact_changes_contact ON contact_changes (contact_id) INCLUDE (weight)`,
    `CREATE TABLE site_changes (
       id bigserial PRIMARY KEY,
       site_id text NOT NULL,
       weight bigint NOT NULL DEFAULT 1 CHECK (weight > 0)
     )`,
    `CREATE INDEX site_changes_site ON site_changes (site_id) INCLUDE (weight)`,
    countingFunction(COUNT_BY.contact_id, 'contact_changes (contact_id)', (rows) =>
      withMergeTargets(`SELECT contact_id AS id FROM ${rows}`),
    ),
    countingFunction(COUNT_BY.account_id, 'contact_changes (contact_id)', (rows) =>
      withMergeTargets(`SELECT a.contact_id AS id FROM ${rows} r JOIN loyalty_accounts a ON a.id = r.account_id`),
    ),
    countingFunction(COUNT_BY.site_id, 'site_changes (site_id)', (rows) => `SELECT DISTINCT site_id FROM ${rows}`),
    countingFunction(COUNT_BY.id, 'site_changes (site_id)', (rows) => `SELECT id FROM ${rows}`),
    // A contact's own row: what the visitor sees of it (not last_seen_at), and the contact a merge folds it into.
    `CREATE FUNCTION rapport_count_contact_row_changes() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       IF TG_OP = 'UPDATE' THEN
         INSERT INTO contact_changes (contact_id)
           SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (to_jsonb(n) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(o) - 'last_seen_at')
           UNION SELECT n.merged_into_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE n.merged_into_id IS NOT NULL AND n.merged_into_id IS DISTINCT FROM o.merged_into_id;
       ELSIF TG_OP = 'DELETE' THEN
         INSERT INTO contact_changes (contact_id) SELECT id FROM old_rows UNION SELECT merged_into_id FROM old_rows WHERE merged_into_id IS NOT NULL;
       END IF;
       RETURN NULL;
     END
     $fn$`,
    `CREATE TRIGGER contacts_count_update AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION rapport_count_contact_row_changes()`,
    `CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION rapport_count_contact_row_changes()`,
    // Measured response times (every visitor's owner badge) move with a staff member's first reply to a response.
    `CREATE FUNCTION rapport_count_first_replies() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       INSERT INTO site_changes (site_id)
         SELECT DISTINCT n.site_id FROM new_rows n JOIN old_rows o ON o.site_id = n.site_id AND o.id = n.id
           WHERE n.first_replied_at IS DISTINCT FROM o.first_replied_at;
       RETURN NULL;
     END
     $fn$`,
    `CREATE TRIGGER feedback_responses_count_first_replies AFTER UPDATE ON feedback_responses
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_count_first_replies()`,
    ...CONTACT_TABLES.flatMap(([table, column]) => triggersOn(table, COUNT_BY[column])),
    ...SITE_TABLES.flatMap(([table, column]) => triggersOn(table, COUNT_BY[column])),
  ],
};
