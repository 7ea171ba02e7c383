import * as z from 'zod/mini';

/**
 * Error codes the server puts in the error envelope. Stable: clients switch on them.
 * Later features add their own (for example `insufficient_points`); the wire type stays a string so an
 * older client still understands a newer server.
 */
export const SERVER_ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthorized',
  'forbidden',
  'origin_not_allowed',
  'not_found',
  'method_not_allowed',
  'conflict',
  'idempotency_conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'insufficient_points',
  'internal',
] as const;

/** One of the codes in {@link SERVER_ERROR_CODES}. */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** One problem found while validating a request or response, pointing at the offending field. */
export const ValidationIssueSchema = z.object({
  /** Path to the field, e.g. `["traits", "plan"]`; empty for the whole value. */
  path: z.array(z.union([z.string(), z.number()])),
  /** Human-readable description of the problem (English). */
  message: z.string(),
  /** Machine-readable kind of problem, e.g. `invalid_type`, `unrecognized_keys`, `too_big`. */
  code: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

/** The one shape every error response has on the wire. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(ValidationIssueSchema)),
    requestId: z.string(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;
