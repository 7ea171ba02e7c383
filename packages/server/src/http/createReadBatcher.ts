/** Reads of many keys in one statement (see {@link createReadBatcher}). */
export interface ReadBatcher<K, V> {
  /** The value of `key` (`null` when there is none), read by a statement that starts after this call. */
  get(key: K): Promise<V | null>;
}

/** Options of {@link createReadBatcher}. */
export interface ReadBatcherOptions<K, V> {
  /** Reads every key of a batch in one statement; a key missing from the map has no value. */
  load: (keys: K[]) => Promise<Map<K, V>>;
  /** Batches being read at once; later calls wait in the next batch. Default: 4. */
  maxInFlight?: number;
  /** Most keys in one batch. Default: 500. */
  maxBatch?: number;
}

interface Waiter<V> {
  resolve: (value: V | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the reads asked for while earlier batches are in flight (or within one turn of the event loop) into one
 * statement, so fifty visitors arriving together cost one round trip instead of fifty. Never stale: a call joins only
 * a batch that has not started, so its statement's snapshot is taken after the call, as a read of its own would be.
 * A failed batch rejects every call in it.
 */
export function createReadBatcher<K, V>(options: ReadBatcherOptions<K, V>): ReadBatcher<K, V> {
  const maxInFlight = options.maxInFlight ?? 4;
  const maxBatch = options.maxBatch ?? 500;
  let pending = new Map<K, Array<Waiter<V>>>();
  let scheduled = false;
  let inFlight = 0;

  const schedule = (): void => {
    if (scheduled || pending.size === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  function flush(): void {
    scheduled = false;
    if (pending.size === 0 || inFlight >= maxInFlight) return;
    let batch = pending;
    if (batch.size > maxBatch) {
      const keys = [...batch.keys()];
      batch = new Map(keys.slice(0, maxBatch).map((key) => [key, pending.get(key)!]));
      pending = new Map(keys.slice(maxBatch).map((key) => [key, pending.get(key)!]));
    } else {
      pending = new Map();
    }
    inFlight += 1;
    options.load([...batch.keys()]).then(
      (found) => {
        for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key) ?? null);
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    ).finally(() => {
      inFlight -= 1;
      schedule();
    });
    schedule();
  }

  return {
    get(key) {
      return new Promise<V | null>((resolve, reject) => {
        const waiters = pending.get(key);
        if (waiters) waiters.push({ resolve, reject });
        else pending.set(key, [{ resolve, reject }]);
        schedule();
      });
    },
  };
}
