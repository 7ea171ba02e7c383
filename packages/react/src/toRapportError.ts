import { RapportError } from '@rapport/core';

/**
 * The client only ever throws {@link RapportError}; anything else reaching a hook (a throwing `select`, a
 * bug) is wrapped so the public `error` field keeps one type.
 */
export function toRapportError(error: unknown): RapportError {
  if (error instanceof RapportError) return error;
  const message = error instanceof Error ? error.message : 'Unexpected error';
  return new RapportError(message, { code: 'internal', cause: error });
}
