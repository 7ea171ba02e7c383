import {
  beginStatement,
  isRetryableTransactionError,
  type RapportStore,
  type SqlExecutor,
  type TransactionOptions,
} from './Store.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** A `postgres://` connection string. Required. */
  connectionString: string;
  /** Most connections the pool opens. Default: 10. */
  max?: number;
  /**
   * Schema every connection uses (`search_path`); it must already exist. Default: none — the server's
   * default search path (normally `public`).
   */
  schema?: string;
  /** Attempts of a transaction that keeps failing with SQLSTATE 40001/40P01. Default: 8. */
  maxTransactionAttempts?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Runs of one statement text after which it is prepared (named); fewer are planned each time. */
const PREPARE_AFTER_RUNS = 3;
/** Most statement texts prepared: statements beyond them (generated text, say) are planned each time. */
const MAX_PREPARED = 500;

/**
 * Names the statements worth preparing: a text run {@link PREPARE_AFTER_RUNS} times (the hot path's few statements
 * run on every request) gets a name, so each connection parses and plans it once and then only binds and executes.
 */
function createStatementNamer(): (sql: string) => string | undefined {
  const runs = new Map<string, number>();
  const names = new Map<string, string>();
  return (sql) => {
    const name = names.get(sql);
    // Several commands in one text cannot be prepared.
    if (name !== undefined || names.size >= MAX_PREPARED || sql.includes(';')) return name;
    const count = (runs.get(sql) ?? 0) + 1;
    if (count < PREPARE_AFTER_RUNS) {
      if (runs.size < 10 * MAX_PREPARED) runs.set(sql, count);
      return undefined;
    }
    runs.delete(sql);
    const named = `rapport_${names.size + 1}`;
    names.set(sql, named);
    return named;
  };
}

/** A store on a PostgreSQL server through a `pg` connection pool. */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<RapportStore> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new TypeError(`Invalid schema name: ${options.schema}`);
  }
  // Loaded here, not at the top: a server on PGlite never loads `pg` (a tenth of a second of its start).
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection that dies (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const maxAttempts = Math.max(1, options.maxTransactionAttempts ?? 8);

  // Fail at creation, not at the first request, when the database is unreachable.
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  const prepared = createStatementNamer();
  /** A query config: named (prepared once per connection, then only bound and run) for a statement run often. */
  const config = (sql: string, params: readonly unknown[]) => {
    const name = prepared(sql);
    return name ? { name, text: sql, values: params as unknown[] } : { text: sql, values: params as unknown[] };
  };

  async function runOnce<T>(fn: (tx: SqlExecutor) => Promise<T>, opts?: TransactionOptions): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(beginStatement(opts));
      try {
        const tx: SqlExecutor = {
          async query<R>(sql: string, params: readonly unknown[] = []) {
            const result = await client.query(config(sql, params));
            return { rows: result.rows as R[] };
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  return {
    kind: 'postgres',
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(config(sql, params));
      return { rows: result.rows as R[] };
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, opts?: TransactionOptions): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await runOnce(fn, opts);
        } catch (error) {
          if (attempt >= maxAttempts || !isRetryableTransactionError(error)) throw error;
          const backoff = Math.min(200, 5 * 2 ** attempt);
          await delay(backoff / 2 + Math.random() * (backoff / 2));
        }
      }
    },
    async close() {
      await pool.end();
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
