import type * as z from 'zod/mini';
import type { RapportLogger } from '../logger.js';

/**
 * `body` checked against the response schema of `operationId`, with the fields the contract does not have stripped.
 * A mismatch is the server's own bug: it is logged with the issues and thrown (the client gets a 500, never a body
 * the contract does not promise).
 */
export function checkResponseBody<S extends z.ZodMiniType>(logger: RapportLogger, operationId: string, schema: S, body: unknown): z.infer<S> {
  const checked = schema.safeParse(body);
  if (!checked.success) {
    logger.error('Response does not match its schema', { operationId, issues: checked.error.issues });
    throw new Error(`Invalid response body from ${operationId}`);
  }
  return checked.data;
}
