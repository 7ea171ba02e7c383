import { MIGRATIONS, type Migration } from './migrations/index.js';
import { sqlState, type RapportStore } from './Store.js';

/** Key of the transaction-scoped advisory lock that lets one instance migrate at a time. */
const MIGRATION_LOCK_KEY = 727_277_687;

/** Result of {@link migrate}. */
export interface MigrateResult {
  /** Ids of the migrations this call applied (empty when the database was up to date). */
  applied: number[];
}

/** True when `rapport_migrations` lists every one of `migrations`: one read, no lock, no transaction. */
async function isUpToDate(store: RapportStore, migrations: readonly Migration[]): Promise<boolean> {
  try {
    const { rows } = await store.query<{ id: number }>('SELECT id FROM rapport_migrations');
    const done = new Set(rows.map((row) => row.id));
    return migrations.every((migration) => done.has(migration.id));
  } catch (error) {
    // 42P01: no rapport_migrations table yet, a database never migrated.
    if (sqlState(error) === '42P01') return false;
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
  if (await isUpToDate(store, migrations)) return { applied: [] };
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS rapport_migrations (
        id integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM rapport_migrations');
    const done = new Set(rows.map((row) => row.id));
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
