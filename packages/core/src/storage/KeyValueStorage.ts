/** Where the client keeps small strings across page loads: the subset of the Web Storage API it uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A storage that lives as long as the object: for servers, tests and browsers that refuse `localStorage`. */
export function createMemoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * The browser's `localStorage` when it can be used (it throws in some private modes and sandboxed frames),
 * otherwise a fresh memory storage.
 */
export function defaultStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    const probe = '__rapport_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return createMemoryStorage();
  }
}
