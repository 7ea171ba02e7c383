/**
 * Why a webhook was refused:
 * - `missing_header`: `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent or empty;
 * - `bad_timestamp`: `webhook-timestamp` is not whole seconds since the epoch;
 * - `timestamp_out_of_range`: the timestamp is further from now than the tolerance, either way (a replay, or a clock
 *   far off);
 * - `bad_signature`: no `v1` signature matches the body under any of the secrets (a tampered body, a wrong secret);
 * - `bad_secret`: a secret is not `whsec_<base64>` (a configuration error on your side);
 * - `bad_payload`: the signature holds but the body is not JSON, or not a Rapport event.
 */
export type WebhookVerificationErrorCode =
  | 'missing_header'
  | 'bad_timestamp'
  | 'timestamp_out_of_range'
  | 'bad_signature'
  | 'bad_secret'
  | 'bad_payload';

/** Thrown by `verifyWebhook` when a request must not be trusted; answer it with a 400 (or 401) and do nothing else. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  /** What was wrong; switch on this. */
  readonly code: WebhookVerificationErrorCode;

  constructor(code: WebhookVerificationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
