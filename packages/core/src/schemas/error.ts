import * as z from 'zod/mini';

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
