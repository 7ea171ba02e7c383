import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beginStatement, type RapportStore, type SqlExecutor, type TransactionOptions } from './Store.js';

/** Options of {@link createPGliteStore}. */
export interface PGliteStoreOptions {
  /**
   * Directory PGlite keeps its files in; created (with its parents) if missing.
   * Default: none — the database lives in memory and is gone when the store closes.
   */
  dataDir?: string;
}

/**
 * A store on PGlite, PostgreSQL compiled to WASM running in this process. It has a single connection, so
 * every statement and transaction waits its turn in a queue.
 */
export async function createPGliteStore(options: PGliteStoreOptions = {}): Promise<RapportStore> {
  let db: PGlite;
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dirname(dir), { recursive: true });
    mkdirSync(dir, { recursive: true });
    db = await PGlite.create(dir);
  } else {
    db = await PGlite.create();
  }

  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  // Marks the async context of a running transaction: a store call from inside it would wait for the
  // transaction it is part of and hang, so it fails fast instead.
  const inTransaction = new AsyncLocalStorage<true>();

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new Error('The PGlite store is closed'));
    if (inTransaction.getStore()) {
      return Promise.reject(new Error('Store used inside its own transaction: use the `tx` passed to the callback'));
    }
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  const direct: SqlExecutor = {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<R>(sql, params as unknown[]);
      return { rows: result.rows };
    },
  };

  return {
    kind: 'pglite',
    query: (sql, params) => enqueue(() => direct.query(sql, params)),
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, opts?: TransactionOptions): Promise<T> {
      return enqueue(async () => {
        await db.query(beginStatement(opts));
        try {
          const value = await inTransaction.run(true, () => fn(direct));
          await db.query('COMMIT');
          return value;
        } catch (error) {
          await db.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },
    async close() {
      if (closed) return;
      // Refuse new work at once, let queued work finish, then close.
      closed = true;
      await tail;
      await db.close();
    },
  };
}
