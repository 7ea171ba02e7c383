import type { OnlineEventTarget, OutboxRetryOptions, Timers } from '../feedback/createOutbox.js';
import { RAPPORT_HEADERS } from '../protocol.js';
import { defaultStorage, type KeyValueStorage } from '../storage/KeyValueStorage.js';
import type { RetryOptions } from '../transport/backoff.js';
import { createTransport, type Transport, type TransportOptions } from '../transport/createTransport.js';
import { createEmitter, type ListenOptions } from './createEmitter.js';
import { createFeedbackResource } from './createFeedbackResource.js';
import type { FeedbackResource } from './FeedbackResource.js';
import { createLoyaltyResource, type LoyaltyResource } from './createLoyaltyResource.js';
import { createOwnerResource, type OwnerResource } from './createOwnerResource.js';
import { createPreferencesResource, type PreferencesResource } from './createPreferencesResource.js';
import { createVisitorIdentity } from './createVisitorIdentity.js';
import { createVisitorResource, type VisitorResource } from './createVisitorResource.js';
import type { RapportClientEvents } from './RapportClientEvents.js';

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
  /**
   * Where the anonymous visitor's token and the feedback answers waiting to be delivered are kept.
   * Default: `localStorage` if usable, else memory.
   */
  storage?: KeyValueStorage;
  /** Retry policy for reads and keyed writes. Default: 3 retries, 300 ms base, 10 s cap, full jitter. */
  retry?: RetryOptions;
  /** Randomness for backoff jitter, in [0, 1). Default: `Math.random`. */
  random?: () => number;
  /** Clock in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
  /**
   * Where the browser's `online` event is heard, to deliver stored feedback answers as soon as the connection
   * is back. Default: `globalThis` when it can listen (the window); `null` to not listen.
   */
  onlineTarget?: OnlineEventTarget | null;
  /** Timers of the feedback outbox's retries. Default: the global `setTimeout` / `clearTimeout`. */
  timers?: Timers;
  /** How the feedback outbox spaces its delivery attempts. Default: 1 s, doubling, at most 60 s (`Retry-After` honoured). */
  outboxRetry?: OutboxRetryOptions;
}

/** A Rapport API client: a plain object of resources. Create one per site and pass it to `<RapportProvider>`. */
export interface RapportClient {
  /** Identifies this client's data in caches: base URL + publishable key. */
  readonly key: string;
  /** Who the visitor is, and their settings. */
  readonly visitor: VisitorResource;
  /** Feedback: answers (through an offline outbox), prompt events, replies, "show now". */
  readonly feedback: FeedbackResource;
  /** Preferences center: change choices (topic × channel, frequency, pause, unsubscribe all), export them. */
  readonly preferences: PreferencesResource;
  /** Loyalty card: read the card, redeem rewards (or a full stamp card), member QR token, mark a celebration seen. */
  readonly loyalty: LoyaltyResource;
  /**
   * Contact owner: the visitor's owner, whether they are in and who covers, again (the bootstrap carries it
   * first). Call it at the answer's `refreshAt`.
   */
  readonly owner: OwnerResource;
  /** The HTTP layer the resources share (for resources added by later packages). */
  readonly transport: Transport;
  /**
   * Reports a custom event of the host app, e.g. `client.track('checkout_completed')`; surveys with an `event`
   * trigger of that name open. Prompts mounted later on the same page still see it.
   */
  track(name: string): void;
  /** Tells the client a single-page app moved to another page: page-view and time-on-page triggers start over. */
  pageview(): void;
  /**
   * Listens to the client's events; returns the function that stops listening. With `{ replay: true }`, also
   * receives the `track` and `show` events of this page (since the last `pageview()`) that came before.
   */
  on<K extends keyof RapportClientEvents>(
    type: K,
    listener: (event: RapportClientEvents[K]) => void,
    options?: ListenOptions,
  ): () => void;
  /** Stops background work (outbox retries, the `online` listener). Stored answers stay for the next client. */
  destroy(): void;
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
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const transportOptions: TransportOptions = {
    baseUrl: options.baseUrl,
    headers: { [RAPPORT_HEADERS.publishableKey]: options.publishableKey },
    getAuthorization: () => identity.token(),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry: { retries: 3, baseDelayMs: 300, maxDelayMs: 10_000, ...options.retry },
    random,
    now,
  };
  const transport = createTransport(transportOptions);
  const emitter = createEmitter<RapportClientEvents>(['track', 'show']);
  const feedback = createFeedbackResource({
    transport,
    sendOnce: createTransport({ ...transportOptions, retry: { ...transportOptions.retry, retries: 0 } }),
    emitter,
    now,
    random,
    storage,
    storageKey: `rapport:${options.publishableKey}:feedback-outbox`,
    onlineTarget: options.onlineTarget === undefined ? defaultOnlineTarget() : options.onlineTarget,
    timers: options.timers,
    retry: options.outboxRetry,
  });
  const visitorResource = createVisitorResource(transport, identity);
  const visitor: VisitorResource = {
    ...visitorResource,
    async bootstrap(callOptions) {
      const result = await visitorResource.bootstrap(callOptions);
      // Feedback is on: load its code now (before a visitor can answer) and deliver what waits, with the
      // token this answer may just have issued.
      if (result.widgets.feedback !== null) void feedback.flush();
      return result;
    },
  };
  // Answers a previous page could not deliver go at once when a token still identifies the visitor;
  // otherwise they wait for the first bootstrap, which issues one.
  if (feedback.pending().length > 0) {
    identity.token().then(
      (token) => void (token !== null && feedback.flush()),
      () => undefined,
    );
  }

  return {
    key: `${options.baseUrl.replace(/\/+$/, '')}#${options.publishableKey}`,
    visitor,
    feedback,
    preferences: createPreferencesResource(transport),
    loyalty: createLoyaltyResource(transport),
    owner: createOwnerResource(transport),
    transport,
    track(name) {
      emitter.emit('track', { name });
    },
    pageview() {
      emitter.forget();
      emitter.emit('pageview', {});
    },
    on: emitter.on,
    destroy: feedback.destroy,
  };
}

function defaultOnlineTarget(): OnlineEventTarget | null {
  const target = globalThis as Partial<OnlineEventTarget>;
  return typeof target.addEventListener === 'function' ? (target as OnlineEventTarget) : null;
}
