import { MIGRATIONS, type Migration } from './migrations/index.js';
import { sqlState, type RapportStore, type SqlExecutor } from './Store.js';

/** Key of the transaction-scoped advisory lock that lets one instance migrate at a time. */
const MIGRATION_LOCK_KEY = 727_277_687;

/** Result of {@link migrate}. */
export interface MigrateResult {
  /** Ids of the migrations this call applied (empty when the database was up to date). */
  applied: number[];
}

/** The ids recorded in `rapport_migrations`: one read, no lock; none for a database never migrated (no table yet). */
export async function appliedMigrationIds(db: SqlExecutor): Promise<Set<number>> {
  try {
    const { rows } = await db.query<{ id: number }>('SELECT id FROM rapport_migrations');
    return new Set(rows.map((row) => Number(row.id)));
  } catch (error) {
    // 42P01: undefined table.
    if (sqlState(error) === '42P01') return new Set();
    throw error;
  }
}

/**
 * Brings the database schema up to date. Safe to run on every start and from several instances at once:
 * when a first read shows every migration applied it returns at once (applied migrations are never undone);
 * otherwise it runs in one transaction holding an advisory lock, and records what it applied in `rapport_migrations`.
 */
export async function migrate(
  store: RapportStore,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrateResult> {
  const recorded = await appliedMigrationIds(store);
  if (migrations.every((migration) => recorded.has(migration.id))) return { applied: [] };
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS rapport_migrations (
        id integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const done = await appliedMigrationIds(tx);
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO rapport_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
      applied.push(migration.id);
    }
    return { applied };
  });
}
