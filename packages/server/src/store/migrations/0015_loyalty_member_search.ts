import type { Migration } from './Migration.js';

/**
 * Loyalty reads that stay flat as a site grows.
 *
 * - The member list's search (`q`: a substring of the external id or the `name` trait, ignoring case) reads trigram
 *   GIN indexes (pg_trgm) instead of every contact. pg_trgm is a trusted extension shipped with PostgreSQL (and
 *   PGlite loads it: see `createPGliteStore`). It is installed once per database, in `public` when it may be (so a
 *   schema dropped later, as the tests drop theirs, never takes it and the other schemas' indexes with it), and the
 *   indexes name its operator class by schema, since a server's `search_path` may hold only its own schema. Where the
 *   extension cannot be installed the migration still succeeds without these two indexes: the search then scans, as
 *   before, and answers the same.
 * - The maintenance job that posts pending points and writes off expired ones (`settleDueAccounts`) finds the
 *   accounts with something due from two small indexes instead of reading every account.
 */
export const migration0015LoyaltyMemberSearch: Migration = {
  id: 15,
  name: 'loyalty_member_search',
  statements: [
    `DO $trgm$
     DECLARE ns text;
     BEGIN
       -- Concurrent migrations of several schemas in one database install the extension once.
       PERFORM pg_advisory_xact_lock(hashtext('rapport:extension:pg_trgm'));
       SELECT n.nspname INTO ns FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
       IF ns IS NULL THEN
         BEGIN
           IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') AND has_schema_privilege('public', 'CREATE') THEN
             CREATE EXTENSION pg_trgm SCHEMA public;
           ELSE
             CREATE EXTENSION pg_trgm;
           END IF;
         EXCEPTION WHEN OTHERS THEN
           RAISE WARNING 'pg_trgm is not available (%): the loyalty member search will scan', SQLERRM;
           RETURN;
         END;
         SELECT n.nspname INTO ns FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
       END IF;
       EXECUTE format('CREATE INDEX contacts_external_id_trgm_idx ON contacts USING gin (external_id %I.gin_trgm_ops)
         WHERE external_id IS NOT NULL', ns);
       EXECUTE format('CREATE INDEX contacts_name_trgm_idx ON contacts USING gin ((traits ->> ''name'') %I.gin_trgm_ops)
         WHERE external_id IS NOT NULL', ns);
     END
     $trgm$`,
    `CREATE INDEX loyalty_accounts_next_expiry_idx ON loyalty_accounts (next_expiry_at) WHERE next_expiry_at IS NOT NULL`,
    `CREATE INDEX loyalty_pending_available_idx ON loyalty_pending (available_at)`,
  ],
};
