import { RAPPORT_HEADERS } from '../protocol.js';
import { defaultStorage, type KeyValueStorage } from '../storage/KeyValueStorage.js';
import type { RetryOptions } from '../transport/backoff.js';
import { createTransport, type Transport } from '../transport/createTransport.js';
import { createVisitorIdentity } from './createVisitorIdentity.js';
import { createVisitorResource, type VisitorResource } from './createVisitorResource.js';

/** Options of {@link createRapportClient}. */
export interface RapportClientOptions {
  /** Base URL of the Rapport API, e.g. `https://rapport.example.com`. Required. */
  baseUrl: string;
  /** The site's publishable key (`pk_…`). Safe to ship to browsers. Required. */
  publishableKey: string;
  /**
   * Returns the visitor token your server signed for the signed-in user (see `signVisitorToken` in
   * `@rapport/server`), or `null` for an anonymous visitor. Called before each request, so it may refresh.
   * Default: none (every visitor is anonymous).
   */
  getVisitorToken?: () => Promise<string | null> | string | null;
  /** The `fetch` to use. Default: the global `fetch`. Pass `app.request` to talk to an in-process server. */
  fetch?: typeof fetch;
  /** Where the anonymous visitor's token is kept. Default: `localStorage` if usable, else memory. */
  storage?: KeyValueStorage;
  /** Retry policy for reads and keyed writes. Default: 3 retries, 300 ms base, 10 s cap, full jitter. */
  retry?: RetryOptions;
  /** Randomness for backoff jitter, in [0, 1). Default: `Math.random`. */
  random?: () => number;
  /** Clock in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
}

/** A Rapport API client: a plain object of resources. Create one per site and pass it to `<RapportProvider>`. */
export interface RapportClient {
  /** Identifies this client's data in caches: base URL + publishable key. */
  readonly key: string;
  /** Who the visitor is, and their settings. */
  readonly visitor: VisitorResource;
  /** The HTTP layer the resources share (for resources added by later packages). */
  readonly transport: Transport;
}

/** Creates a client. No globals: two clients never share state. */
export function createRapportClient(options: RapportClientOptions): RapportClient {
  if (!options.baseUrl) throw new TypeError('createRapportClient: `baseUrl` is required');
  if (!options.publishableKey) throw new TypeError('createRapportClient: `publishableKey` is required');
  const storage = options.storage ?? defaultStorage();
  const identity = createVisitorIdentity(
    storage,
    `rapport:${options.publishableKey}:anonymous-token`,
    options.getVisitorToken,
  );
  const transport = createTransport({
    baseUrl: options.baseUrl,
    headers: { [RAPPORT_HEADERS.publishableKey]: options.publishableKey },
    getAuthorization: () => identity.token(),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry: { retries: 3, baseDelayMs: 300, maxDelayMs: 10_000, ...options.retry },
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  });
  return {
    key: `${options.baseUrl.replace(/\/+$/, '')}#${options.publishableKey}`,
    visitor: createVisitorResource(transport, identity),
    transport,
  };
}
