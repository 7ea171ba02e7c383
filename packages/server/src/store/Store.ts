/** Isolation level of a store transaction. */
export type IsolationLevel = 'serializable' | 'read committed';

/** Anything that runs one parameterised SQL statement: a store, or the transaction handed to a callback. */
export interface SqlExecutor {
  /**
   * Runs one statement with `$1`-style parameters. Pass JSON values as strings and cast (`$1::jsonb`);
   * pass arrays as JS arrays and cast (`$1::text[]`). Both stores parse `timestamptz` to `Date`.
   */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

/** Options of {@link RapportStore.transaction}. */
export interface TransactionOptions {
  /** Isolation level of the transaction. Default: `'read committed'`. */
  isolation?: IsolationLevel;
}

/**
 * The database behind a Rapport server. Two implementations run the same SQL: PGlite (embedded, one
 * connection) and PostgreSQL (a pool). Inside `transaction`, use only the `tx` it hands you.
 */
export interface RapportStore extends SqlExecutor {
  /** Which implementation this is. */
  readonly kind: 'pglite' | 'postgres';
  /**
   * On a database only this store writes to (PGlite: one process holds its data directory), a count that rises
   * before every statement that may write; what was read while it stayed the same is still current. Absent on a
   * shared database (PostgreSQL: other instances write too).
   */
  localWrites?(): number;
  /**
   * Runs `fn` in a transaction: commits when it resolves, rolls back when it throws. On PostgreSQL a
   * serialization failure or deadlock (SQLSTATE 40001, 40P01) reruns `fn` a few times with a short backoff,
   * so `fn` must be safe to run again.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /** Closes the connection(s). The store is unusable afterwards. */
  close(): Promise<void>;
  /** Connection-pool figures for `/metrics` (PostgreSQL only). Default: absent (PGlite has one connection). */
  stats?(): StorePoolStats;
}

/** Connection-pool figures of a pooled store. */
export interface StorePoolStats {
  /** Connections open, idle or in use. */
  total: number;
  /** Open connections not in use. */
  idle: number;
  /** Queries and transactions waiting for a connection. */
  waiting: number;
}

/** The SQLSTATE of a database error (both drivers put it on `code`), or `undefined`. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** True when `error` is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** True when the transaction failed only because of concurrency and can simply be run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40001' || state === '40P01';
}

export function beginStatement(opts: TransactionOptions | undefined): string {
  return opts?.isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN ISOLATION LEVEL READ COMMITTED';
}
