import { createHmac, randomBytes } from 'node:crypto';

/** Prefix of a webhook signing secret (Standard Webhooks): `whsec_` + base64 of the key. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** What {@link signWebhook} signs. */
export interface SignWebhookInput {
  /** The event id (`msg_…`): the `webhook-id` header. */
  id: string;
  /** When the attempt is made: `webhook-timestamp` is its unix time in seconds. */
  timestamp: Date;
  /** The exact body sent. */
  body: string;
  /**
   * The secrets that sign, `whsec_…` (or a bare base64 key): one, or two during a rotation's overlap (the
   * receiver accepts either). Required, at least one.
   */
  secrets: readonly string[];
}

/** The base64-decoded key of a `whsec_…` secret. */
function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new TypeError('A webhook secret needs a non-empty base64 key');
  return key;
}

/**
 * The Standard Webhooks headers of one attempt: `webhook-id`, `webhook-timestamp` (unix seconds) and
 * `webhook-signature`, `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret, space-separated.
 */
export function signWebhook(input: SignWebhookInput): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  if (input.secrets.length === 0) throw new TypeError('signWebhook needs at least one secret');
  const timestamp = String(Math.floor(input.timestamp.getTime() / 1000));
  const signed = `${input.id}.${timestamp}.${input.body}`;
  const signatures = input.secrets.map((secret) => `v1,${createHmac('sha256', secretKey(secret)).update(signed, 'utf8').digest('base64')}`);
  return { 'webhook-id': input.id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
