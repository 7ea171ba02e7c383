import type { ResponseSubmit } from '../schemas/feedbackVisitor.js';
import type { KeyValueStorage } from '../storage/KeyValueStorage.js';

/** The stored list of submissions waiting for delivery (one storage key, shared by every tab). */
export interface OutboxStore {
  /** The stored submissions, oldest first (parsed once per change of the stored text). */
  read(): ResponseSubmit[];
  /** Replaces the stored list (removes the key when empty). */
  write(items: readonly ResponseSubmit[]): void;
}

/** Reads and writes the outbox list in `storage` under `key`; unreadable content counts as empty. */
export function createOutboxStore(storage: KeyValueStorage, key: string): OutboxStore {
  let raw: string | null = null;
  let items: ResponseSubmit[] = [];
  return {
    read() {
      const current = storage.getItem(key);
      if (current !== raw) {
        raw = current;
        try {
          const value: unknown = current === null ? [] : JSON.parse(current);
          items = Array.isArray(value) ? value.filter((item) => typeof item?.id === 'string') : [];
        } catch {
          items = [];
        }
      }
      return items;
    },
    write(next) {
      if (next.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(next));
    },
  };
}
