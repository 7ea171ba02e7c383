import { WEBHOOK_EVENT_TYPES, WebhookEventSchema, type WebhookEvent } from '@rapport/core/schemas';
import { base64Decode } from '../internal/base64.js';
import { WebhookVerificationError } from './WebhookVerificationError.js';

/** The request headers: a `Headers` object (fetch, Hono, Next.js) or a plain record (Node's `req.headers`, Express). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * An event of a type this SDK does not know yet (sent by a newer server): verified, and passed on with `type: 'unknown'`
 * (its own type in `eventType`), so a `switch (event.type)` over the known types still narrows. Ignore what you do not
 * handle; refusing it would make the server retry it for days and then disable the endpoint.
 */
export interface UnknownWebhookEvent {
  type: 'unknown';
  /** The type the server sent. */
  eventType: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way, in seconds. Default: 300 (five minutes). */
  toleranceSeconds?: number;
  /** The current time. Default: `new Date()`. */
  now?: Date;
}

const SECRET_PREFIX = 'whsec_';
const encoder = new TextEncoder();

function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
  }
  return undefined;
}

function requireHeader(headers: WebhookHeaders, name: string): string {
  const value = readHeader(headers, name)?.trim();
  if (!value) throw new WebhookVerificationError('missing_header', `The ${name} header is missing`);
  return value;
}

async function importSecret(secret: string): Promise<CryptoKey> {
  // `whsec_<base64>` as Rapport shows it; a bare base64 key is taken too, as the Standard Webhooks libraries do.
  const encoded = typeof secret === 'string' && secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bytes = typeof encoded === 'string' ? base64Decode(encoded) : null;
  if (!bytes || bytes.length === 0) {
    throw new WebhookVerificationError('bad_secret', 'A webhook secret must be the whsec_… value Rapport gave for the endpoint');
  }
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

/** The `v1` signatures of a `webhook-signature` header (space-separated `v1,<base64>`; other versions ignored). */
function v1Signatures(header: string): Uint8Array<ArrayBuffer>[] {
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(' ')) {
    const [version, value] = part.split(',', 2);
    const bytes = version === 'v1' && value ? base64Decode(value) : null;
    if (bytes) signatures.push(bytes);
  }
  return signatures;
}

/** The bytes signed: `id.timestamp.` then the body's own bytes (never a decoded and re-encoded copy). */
function signedContent(id: string, timestamp: string, body: string | Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const bytes = typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body);
  const signed = new Uint8Array(prefix.length + bytes.length);
  signed.set(prefix);
  signed.set(bytes, prefix.length);
  return signed;
}

/**
 * Verifies a webhook from Rapport (the Standard Webhooks scheme) and returns its event, typed by `type`. Pass the raw
 * body exactly as it arrived (not a re-serialised object), the endpoint's secret (`whsec_…`) or, while rotating, both
 * the new and the previous one. Throws {@link WebhookVerificationError} with a `code` when the request must not be
 * trusted: a header missing, a timestamp malformed or more than `toleranceSeconds` away, no matching signature. The
 * signatures are checked by WebCrypto's HMAC verify, which compares in constant time.
 *
 * Deduplicate on `headers['webhook-id']`: a retry or a replay of one event carries the same id.
 */
export async function verifyWebhook(
  headers: WebhookHeaders,
  rawBody: string | Uint8Array | ArrayBuffer,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent | UnknownWebhookEvent> {
  const id = requireHeader(headers, 'webhook-id');
  const timestampText = requireHeader(headers, 'webhook-timestamp');
  const signatureHeader = requireHeader(headers, 'webhook-signature');

  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookVerificationError('bad_timestamp', 'webhook-timestamp must be whole seconds since the epoch');
  }
  const timestamp = Number(timestampText);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookVerificationError('timestamp_out_of_range', `webhook-timestamp is more than ${tolerance} s from now`);
  }

  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0) throw new WebhookVerificationError('bad_secret', 'Pass at least one webhook secret');
  const keys = await Promise.all(secrets.map(importSecret));
  const signed = signedContent(id, timestampText, rawBody);
  const signatures = v1Signatures(signatureHeader);
  let matched = false;
  // Every pair is checked (no early exit), so the time taken does not say which secret or signature matched.
  for (const key of keys) {
    for (const signature of signatures) {
      if (await crypto.subtle.verify('HMAC', key, signature, signed)) matched = true;
    }
  }
  if (!matched) throw new WebhookVerificationError('bad_signature', 'No webhook signature matches the body under the given secret');

  let payload: unknown;
  try {
    payload = JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody));
  } catch (cause) {
    throw new WebhookVerificationError('bad_payload', 'The webhook body is not JSON', { cause });
  }
  const envelope = payload as { type?: unknown; timestamp?: unknown; data?: unknown } | null;
  if (
    typeof envelope !== 'object' || envelope === null || typeof envelope.type !== 'string' ||
    typeof envelope.timestamp !== 'string' || typeof envelope.data !== 'object' || envelope.data === null
  ) {
    throw new WebhookVerificationError('bad_payload', 'The webhook body is not a Rapport event ({ type, timestamp, data })');
  }
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(envelope.type)) {
    return { type: 'unknown', eventType: envelope.type, timestamp: envelope.timestamp, data: envelope.data as Record<string, unknown> };
  }
  const parsed = WebhookEventSchema.safeParse(payload);
  if (!parsed.success) {
    throw new WebhookVerificationError('bad_payload', `The webhook body does not match the ${envelope.type} event`, { cause: parsed.error });
  }
  return parsed.data;
}
