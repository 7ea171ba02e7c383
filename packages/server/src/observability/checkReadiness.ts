import { appliedMigrationIds } from '../store/migrate.js';
import { MIGRATIONS, type Migration } from '../store/migrations/index.js';
import type { RapportStore } from '../store/Store.js';

/** What {@link checkReadiness} found. */
export type Readiness =
  | { ready: true; migrations: number }
  | { ready: false; reason: 'database_unreachable'; message: string; error: unknown }
  | { ready: false; reason: 'migrations_pending'; message: string; pending: number[] };

/** Options of {@link checkReadiness}. */
export interface CheckReadinessOptions {
  /** The migrations this code expects applied. Default: every migration it ships (`MIGRATIONS`). */
  migrations?: readonly Migration[];
  /** How long the database may take to answer before the check fails, in milliseconds. Default: 2000. */
  timeoutMs?: number;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Is this instance ready for traffic? The database must answer, and every migration this code ships must be
 * recorded in `rapport_migrations`. Migrations the code does not know (a newer instance migrated during a rolling
 * deploy) do not make it unready: migrations only add, so older code keeps working.
 */
export async function checkReadiness(store: RapportStore, options: CheckReadinessOptions = {}): Promise<Readiness> {
  const expected = (options.migrations ?? MIGRATIONS).map((migration) => migration.id);
  let applied: Set<number>;
  try {
    applied = await withTimeout(appliedMigrationIds(store), options.timeoutMs ?? 2000);
  } catch (error) {
    return { ready: false, reason: 'database_unreachable', message: 'The database does not answer', error };
  }
  const pending = expected.filter((id) => !applied.has(id));
  if (pending.length > 0) {
    return {
      ready: false,
      reason: 'migrations_pending',
      message: `${pending.length} migration(s) not applied yet; run the server's migrate step (startServer migrates on start)`,
      pending,
    };
  }
  return { ready: true, migrations: expected.length };
}
