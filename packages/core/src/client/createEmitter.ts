/** Options of {@link Emitter.on}. */
export interface ListenOptions {
  /**
   * Also receive the remembered events emitted before this call (since the last `forget()`), in order.
   * Default: `false`.
   */
  replay?: boolean;
}

/** A tiny typed event emitter, one per client (no globals). */
export interface Emitter<E> {
  /** Calls `listener` for each event of `type`; returns the function that stops it. */
  on<K extends keyof E>(type: K, listener: (event: E[K]) => void, options?: ListenOptions): () => void;
  /** Calls the listeners of `type` with `event`. A throwing listener does not stop the others. */
  emit<K extends keyof E>(type: K, event: E[K]): void;
  /** Drops the remembered events. */
  forget(): void;
}

interface Entry {
  type: PropertyKey;
  listener: (event: never) => void;
}

const HISTORY_LIMIT = 50;

/**
 * Builds an {@link Emitter}. Events whose type is in `remember` are kept (the last 50) so a listener that
 * arrives late (a prompt mounted after `client.track(...)`) can still see them with `{ replay: true }`.
 */
export function createEmitter<E>(remember: ReadonlyArray<keyof E> = []): Emitter<E> {
  const entries = new Set<Entry>();
  const history: Array<[keyof E, unknown]> = [];

  const call = (entry: Entry, event: unknown) => {
    try {
      (entry.listener as (event: unknown) => void)(event);
    } catch (error) {
      // Surface the bug without breaking the emitter's caller or the other listeners.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  return {
    on(type, listener, options) {
      const entry: Entry = { type, listener: listener as Entry['listener'] };
      entries.add(entry);
      if (options?.replay) for (const [past, event] of [...history]) if (past === type) call(entry, event);
      return () => void entries.delete(entry);
    },
    emit(type, event) {
      if (remember.includes(type)) {
        history.push([type, event]);
        if (history.length > HISTORY_LIMIT) history.shift();
      }
      for (const entry of [...entries]) if (entry.type === type) call(entry, event);
    },
    forget() {
      history.length = 0;
    },
  };
}
