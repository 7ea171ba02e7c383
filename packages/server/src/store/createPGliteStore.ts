import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir, type DataDirLock } from './dataDirLock.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { copyTemplate, defaultTemplateCacheDir, ensureTemplate, hasCluster, templateKey } from './pgliteTemplate.js';
import { beginStatement, type RapportStore, type SqlExecutor, type TransactionOptions } from './Store.js';

/** Options of {@link createPGliteStore}. */
export interface PGliteStoreOptions {
  /**
   * Directory PGlite keeps its files in; created (with its parents) if missing. One process at a time: while a
   * store has it open, it holds a lock file there, and opening it elsewhere throws `DataDirInUseError`.
   * Default: none — the database lives in memory and is gone when the store closes.
   */
  dataDir?: string;
  /**
   * With `dataDir`: start a new data directory as a copy of a template — a database already migrated to this
   * version's schema, made once (initdb and every migration, the slow part of a first start) and kept in
   * `templateCacheDir` — instead of running initdb and the migrations in it. If the template cannot be made or
   * kept, the directory is initialised in place. Default: `true`.
   */
  template?: boolean;
  /** Where templates are kept. Default: `$XDG_CACHE_HOME/rapport`, else `~/.cache/rapport`. */
  templateCacheDir?: string;
  /**
   * PostgreSQL's `shared_buffers`. Setting up this memory is a good part of PGlite's start (about 0.4 s of CPU for
   * PostgreSQL's 128MB, against 0.05 s for 16MB), and the operating system caches the data files anyway.
   * Default: `'16MB'`.
   */
  sharedBuffers?: string;
}

/**
 * A statement that cannot write: a `SELECT` (or a `WITH … SELECT`) naming no `INSERT`, `UPDATE`, `DELETE` or `MERGE`
 * and taking no row lock. Anything else counts as a write (a false alarm only costs a read).
 */
const READ_ONLY = /^\s*(SELECT|WITH)\b(?![\s\S]*\b(INSERT|UPDATE|DELETE|MERGE|FOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE|KEY\s+SHARE))\b)/i;

async function openPGlite(dataDir: string | undefined, options: PGliteStoreOptions): Promise<PGlite> {
  // Loaded here, not at the top: a server on PostgreSQL never loads PGlite.
  const [{ PGlite }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm')]);
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? '16MB'}`];
  // pg_trgm: the trigram indexes of the loyalty member search (migration 0015).
  return PGlite.create({ ...(dataDir ? { dataDir } : {}), startParams, extensions: { pg_trgm } });
}

/** Copies the migrated template into an empty data directory; false when there is none to be had. */
async function startFromTemplate(dir: string, options: PGliteStoreOptions): Promise<boolean> {
  let template: string;
  try {
    template = await ensureTemplate(options.templateCacheDir ?? defaultTemplateCacheDir(), templateKey(MIGRATIONS), async (staging) => {
      const store = await createPGliteStore({ ...options, dataDir: staging, template: false });
      try {
        await migrate(store);
      } finally {
        await store.close();
      }
    });
  } catch {
    // No template (say, a read-only cache directory): initdb in place, as without one.
    return false;
  }
  copyTemplate(template, dir);
  return true;
}

/**
 * A store on PGlite, PostgreSQL compiled to WASM running in this process. It has a single connection, so
 * every statement and transaction waits its turn in a queue.
 */
export async function createPGliteStore(options: PGliteStoreOptions = {}): Promise<RapportStore> {
  let db: PGlite;
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    lock = lockDataDir(dir);
    try {
      if (options.template !== false && !hasCluster(dir)) await startFromTemplate(dir, options);
      db = await openPGlite(dir, options);
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    db = await openPGlite(undefined, options);
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

  // Counted when a statement that may write is issued (it runs after every statement queued before it, and before
  // any queued after), so an answer read after a given count saw every write counted up to it.
  let writes = 0;
  const direct: SqlExecutor = {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      if (!READ_ONLY.test(sql)) writes += 1;
      const result = await db.query<R>(sql, params as unknown[]);
      return { rows: result.rows };
    },
  };

  return {
    kind: 'pglite',
    localWrites: () => writes,
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
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
