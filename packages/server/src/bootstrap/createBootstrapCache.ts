/** One visitor's bootstrap as last built on this instance. */
export interface CachedBootstrap {
  /** The site's change version the answer was built after (see `findBootstrapContact`). */
  siteVersion: string;
  /** The contact's change version the answer was built after. */
  contactVersion: string;
  /** Epoch milliseconds of the request it was built for: a clock set back before it does not reuse it. */
  builtAt: number;
  /** Epoch milliseconds from which time alone may change the answer (an owner's shift, a cooldown's end, …). */
  expiresAt: number;
  /** The answer, serialized, already checked against its schema. */
  json: string;
  /** Its strong entity tag, quotes included. */
  etag: string;
}

/** Options of {@link createBootstrapCache}. */
export interface BootstrapCacheOptions {
  /** Most visitors kept; the least recently used goes first. Default: 2,000. */
  maxEntries?: number;
}

/** A bounded, per-instance map of visitors' bootstraps; never the source of truth (see {@link CachedBootstrap}). */
export interface BootstrapCache {
  /** The entry built for exactly these versions and still within its time, or `undefined`. */
  get(key: string, versions: { siteVersion: string; contactVersion: string }, nowMs: number): CachedBootstrap | undefined;
  set(key: string, entry: CachedBootstrap): void;
  /** Entries held now. */
  readonly size: number;
}

/**
 * The bootstrap cache of one app instance. It cannot serve a stale answer: an entry is used only while the site's
 * and the contact's change versions, read from the database on every request, are the ones it was built after, and
 * only between the time it was built for and the first instant at which time alone would change it.
 */
export function createBootstrapCache(options: BootstrapCacheOptions = {}): BootstrapCache {
  const maxEntries = options.maxEntries ?? 2_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new TypeError('maxEntries must be a whole number ≥ 0');
  const entries = new Map<string, CachedBootstrap>();
  return {
    get(key, versions, nowMs) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const current = entry.siteVersion === versions.siteVersion && entry.contactVersion === versions.contactVersion;
      if (!current || nowMs < entry.builtAt || nowMs >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    set(key, entry) {
      if (maxEntries === 0) return;
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}
