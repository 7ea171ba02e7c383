import pg from 'pg';
import { randomAlphanumeric } from '../crypto/random.js';
import { createPGliteStore } from '../store/createPGliteStore.js';
import { createPostgresStore } from '../store/createPostgresStore.js';
import { migrate } from '../store/migrate.js';
import type { RapportStore } from '../store/Store.js';

/** Default database of the Postgres test project. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A store for one test file, isolated from every other. */
export interface TestStore {
  store: RapportStore;
  /** On Postgres, a connection string whose connections use this store's schema; `null` on PGlite. */
  databaseUrl: string | null;
  /** Closes the store and, on Postgres, drops its schema. */
  dispose(): Promise<void>;
}

/** Options of {@link createTestStore}. */
export interface CreateTestStoreOptions {
  /** Run the migrations before returning. Default: true. */
  migrate?: boolean;
  /** Pool size on Postgres. Default: 10. */
  max?: number;
}

/**
 * A fresh, isolated store chosen by `RAPPORT_TEST_STORE`: `pglite` (default) is an in-memory PGlite;
 * `postgres` is a new random schema (`rapport_t_…`) in `RAPPORT_TEST_DATABASE_URL`. An unreachable
 * Postgres fails the test run: it is never skipped.
 */
export async function createTestStore(options: CreateTestStoreOptions = {}): Promise<TestStore> {
  const kind = process.env.RAPPORT_TEST_STORE ?? 'pglite';
  let testStore: TestStore;
  if (kind === 'pglite') {
    const store = await createPGliteStore();
    testStore = { store, databaseUrl: null, dispose: () => store.close() };
  } else if (kind === 'postgres') {
    const connectionString = process.env.RAPPORT_TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
    const schema = `rapport_t_${randomAlphanumeric(16).toLowerCase()}`;
    const admin = new pg.Client({ connectionString });
    try {
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
    } catch (error) {
      await admin.end().catch(() => undefined);
      throw new Error(
        `RAPPORT_TEST_STORE=postgres but PostgreSQL at ${connectionString} is not usable: ${(error as Error).message}`,
        { cause: error },
      );
    }
    await admin.end();
    const store = await createPostgresStore({ connectionString, schema, max: options.max ?? 10 });
    const url = new URL(connectionString);
    url.searchParams.set('options', `-c search_path=${schema}`);
    testStore = {
      store,
      databaseUrl: url.toString(),
      async dispose() {
        await store.close();
        const dropper = new pg.Client({ connectionString });
        await dropper.connect();
        try {
          await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await dropper.end();
        }
      },
    };
  } else {
    throw new Error(`RAPPORT_TEST_STORE must be "pglite" or "postgres", not "${kind}"`);
  }
  if (options.migrate ?? true) {
    try {
      await migrate(testStore.store);
    } catch (error) {
      await testStore.dispose().catch(() => undefined);
      throw error;
    }
  }
  return testStore;
}

/** Timeout for hooks that create a test store: PGlite takes seconds to start on a busy machine. */
export const STORE_HOOK_TIMEOUT_MS = 60_000;
