import { randomBytes } from 'node:crypto';
import { createPostgresStore, migrate, type RapportStore } from '@rapport/server';

/** A fresh, migrated schema in the test database, for one chaos run. */
export interface PostgresSchema {
  schema: string;
  /** A connection string whose connections use only this schema (for the server). */
  databaseUrl: string;
  /** The test's own connections to the schema. */
  store: RapportStore;
  /** Closes the test's connections and drops the schema with everything in it. */
  drop(): Promise<void>;
}

/** `RAPPORT_TEST_DATABASE_URL`, or the local test database. */
export const CHAOS_DATABASE_URL = process.env.RAPPORT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one statement on its own short-lived connection (creating or dropping a schema). */
export async function executeSql(connectionString: string, sql: string): Promise<void> {
  const admin = await createPostgresStore({ connectionString, max: 1 });
  try {
    await admin.query(sql);
  } finally {
    await admin.close();
  }
}

/** Creates and migrates a random schema (`rapport_chaos_…`); an unreachable PostgreSQL fails the run, never skips it. */
export async function createPostgresSchema(connectionString = CHAOS_DATABASE_URL): Promise<PostgresSchema> {
  const schema = `rapport_chaos_${randomBytes(8).toString('hex')}`;
  try {
    await executeSql(connectionString, `CREATE SCHEMA ${schema}`);
  } catch (error) {
    throw new Error(`PostgreSQL at ${connectionString} is not usable: ${(error as Error).message}`, { cause: error });
  }
  const store = await createPostgresStore({ connectionString, schema, max: 2 });
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    await executeSql(connectionString, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    throw error;
  }
  const url = new URL(connectionString);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    databaseUrl: url.toString(),
    store,
    async drop() {
      await store.close();
      await executeSql(connectionString, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
