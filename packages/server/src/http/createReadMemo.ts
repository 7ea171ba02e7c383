import type { RapportStore } from '../store/Store.js';

/** Answers of reads kept while the store has not written (see {@link createReadMemo}). */
export interface ReadMemo {
  /** The answer `load` gave for `key`, again while nothing was written since; otherwise `load`'s new answer. */
  get<V>(key: string, load: () => Promise<V>): Promise<V>;
}

/**
 * Keeps the answers of hot reads (a publishable key's site, a returning visitor's contact) for a store only this
 * process writes to (PGlite), for as long as it has issued no statement that may write: they cannot be stale, and
 * a returning visitor's bootstrap then runs no statement at all. `null` on a shared database (PostgreSQL), where
 * other instances write. At most `maxEntries` answers, the oldest going first. Treat answers as read-only.
 */
export function createReadMemo(store: RapportStore, maxEntries = 1_000): ReadMemo | null {
  const localWrites = store.localWrites?.bind(store);
  if (!localWrites) return null;
  const entries = new Map<string, { writes: number; value: unknown }>();
  return {
    async get<V>(key: string, load: () => Promise<V>): Promise<V> {
      const writes = localWrites();
      const kept = entries.get(key);
      if (kept && kept.writes === writes) return kept.value as V;
      // Read after the count: an answer at least as new as it (a write meanwhile raises the count, and the next
      // get reads again).
      const value = await load();
      entries.delete(key);
      entries.set(key, { writes, value });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}
