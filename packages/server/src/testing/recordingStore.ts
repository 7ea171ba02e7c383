import type { RapportStore, SqlExecutor } from '../store/Store.js';

/**
 * `store` as seen by one app, pushing each statement it runs onto `statements` (whitespace folded), and `BEGIN` for
 * each transaction: tests count what a request ran. Keeps the store's `localWrites`, so PGlite's read memo works.
 */
export function recordingStore(store: RapportStore, statements: string[]): RapportStore {
  const record = (executor: SqlExecutor): SqlExecutor => ({
    query: (sql, params) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      return executor.query(sql, params);
    },
  });
  return {
    kind: store.kind,
    ...(store.localWrites ? { localWrites: () => store.localWrites!() } : {}),
    query: record(store).query,
    transaction: (fn, options) => {
      statements.push('BEGIN');
      return store.transaction((tx) => fn(record(tx)), options);
    },
    close: () => store.close(),
  };
}
