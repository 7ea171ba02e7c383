import type { RapportStore, SqlExecutor } from '../store/Store.js';

/** The error {@link failAfterWebhookEventStore} throws. */
export const INJECTED_FAILURE = 'Injected failure after the webhook event was written';

/**
 * `store` with every transaction failing right after it writes a webhook event (the statement runs, then this
 * throws): the change and its event must roll back together. Keeps the store's `localWrites` (PGlite's read memo).
 */
export function failAfterWebhookEventStore(store: RapportStore): RapportStore {
  const failing = (tx: SqlExecutor): SqlExecutor => ({
    async query(sql, params) {
      const result = await tx.query(sql, params);
      if (sql.includes('INSERT INTO webhook_events')) throw new Error(INJECTED_FAILURE);
      return result as never;
    },
  });
  return {
    kind: store.kind,
    ...(store.localWrites ? { localWrites: () => store.localWrites!() } : {}),
    query: (sql, params) => store.query(sql, params),
    transaction: (fn, options) => store.transaction((tx) => fn(failing(tx)), options),
    close: () => store.close(),
  };
}
