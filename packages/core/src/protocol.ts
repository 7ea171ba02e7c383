/** Header names shared by the client and the server. */
export const RAPPORT_HEADERS = {
  /** The site's publishable key (browser requests). */
  publishableKey: 'x-rapport-key',
  /** Client-generated id of a write; the server stores the write once per key. */
  idempotencyKey: 'idempotency-key',
  /** The anonymous token held before sign-in, sent with a known token so the server merges the two. */
  anonymousToken: 'x-rapport-anonymous-token',
  /** Set on a response replayed for a repeated idempotency key. */
  idempotentReplayed: 'idempotent-replayed',
  /** Id the server gives every request; echoed in error envelopes. */
  requestId: 'x-request-id',
} as const;

/** Version prefix of every API path. */
export const API_PREFIX = '/v1';
