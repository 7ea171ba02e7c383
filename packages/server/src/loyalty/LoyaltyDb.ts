import type { SqlExecutor } from '../store/Store.js';

/**
 * Where a loyalty read runs: `db` for its plain read (one statement, no transaction), `transaction` for the write
 * path when something is due. A route's context is one (`ctx.db`, `ctx.transaction`); over a store, pass
 * `{ db: store, transaction: (fn) => store.transaction(fn) }`.
 */
export interface LoyaltyDb {
  /** Runs single statements: the plain read. */
  db: SqlExecutor;
  /** Runs `fn` in a transaction: the write path, only when the read found something due. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}
