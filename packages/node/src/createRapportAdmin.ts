import { createTransport, type RetryOptions } from '@rapport/core';
import { createAdminCall } from './admin/createAdminCall.js';
import { createContactsAdmin } from './admin/contactsAdmin.js';
import { createFeedbackAdmin } from './admin/feedbackAdmin.js';
import { createLoyaltyAdmin } from './admin/loyaltyAdmin.js';
import { createOwnersAdmin } from './admin/ownersAdmin.js';
import { createPreferencesAdmin } from './admin/preferencesAdmin.js';
import { createSiteAdmin } from './admin/siteAdmin.js';
import { createWebhooksAdmin } from './admin/webhooksAdmin.js';

/** Options of {@link createRapportAdmin}. */
export interface RapportAdminOptions {
  /** Base URL of the Rapport API, e.g. `https://rapport.example.com` (no trailing `/v1`). Required. */
  baseUrl: string;
  /** A secret key of the site (`sk_…`). Required. Keep it on your server; never ship it to a browser. */
  secretKey: string;
  /** The `fetch` to use (a proxy agent, a test double, `app.request`). Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * How failed calls are retried: reads, and writes a repeat cannot double (network errors, 408, 429 honouring
   * `Retry-After`, 5xx), with exponential backoff and full jitter. Default: `{ retries: 3, baseDelayMs: 300,
   * maxDelayMs: 10_000 }`; `{ retries: 0 }` turns retrying off.
   */
  retry?: RetryOptions;
  /** Headers sent with every call (a `user-agent`, a tracing header). Default: none. */
  headers?: Record<string, string>;
  /** Makes the `Idempotency-Key` of a write that brings none of its own. Default: `crypto.randomUUID()`. */
  createIdempotencyKey?: () => string;
  /** Randomness for backoff jitter, in [0, 1). Default: `Math.random`. */
  random?: () => number;
}

/** The typed admin client returned by {@link createRapportAdmin}. */
export type RapportAdmin = ReturnType<typeof createRapportAdmin>;

/**
 * The Rapport admin API for your server, one typed method per operation, grouped by domain: `contacts`, `feedback`,
 * `preferences`, `loyalty`, `owners`, `site`, `webhooks`. Every answer is checked against the contract (a mismatch is
 * a `RapportError` with code `validation`, never a wrong object), every failure is a `RapportError` with a `code`,
 * and writes carry an `Idempotency-Key` kept across retries.
 */
export function createRapportAdmin(options: RapportAdminOptions) {
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
    throw new TypeError('createRapportAdmin: baseUrl must be an http(s) URL');
  }
  if (typeof options.secretKey !== 'string' || options.secretKey.length === 0) {
    throw new TypeError('createRapportAdmin: secretKey is required');
  }
  if (options.secretKey.startsWith('pk_')) {
    throw new TypeError('createRapportAdmin: that is a publishable key; admin calls need a secret key (sk_…)');
  }
  const baseFetch = options.fetch ?? globalThis.fetch;
  const transport = createTransport({
    baseUrl: options.baseUrl,
    headers: { ...options.headers },
    getAuthorization: () => options.secretKey,
    fetch: (input, init) => baseFetch(input, init),
    retry: { retries: 3, baseDelayMs: 300, maxDelayMs: 10_000, ...options.retry },
    random: options.random ?? Math.random,
    now: Date.now,
  });
  const call = createAdminCall(transport, options.createIdempotencyKey ?? (() => crypto.randomUUID()));
  return {
    contacts: createContactsAdmin(call),
    feedback: createFeedbackAdmin(call),
    preferences: createPreferencesAdmin(call),
    loyalty: createLoyaltyAdmin(call),
    owners: createOwnersAdmin(call),
    site: createSiteAdmin(call),
    webhooks: createWebhooksAdmin(call),
  };
}
