import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { ApiError, validationFailed } from './ApiError.js';
import { rejectNulCharacters } from './rejectNulCharacters.js';
import { toValidationIssues } from './toValidationIssues.js';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/** Whether a `Content-Type` header names JSON (`application/json` or `application/*+json`, any parameters). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  return JSON_MEDIA_TYPE.test(value.split(';')[0]?.trim() ?? '');
}

/** The raw request body; 400 when empty, 415 when not JSON. Size limits are enforced before this runs. */
export async function readRawJsonBody(c: Context): Promise<string> {
  if (!isJsonContentType(c.req.header('content-type'))) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiError(400, 'bad_request', 'The request body is empty; send a JSON object');
  return text;
}

/**
 * Parses raw JSON text and validates it: 400 `bad_request` when not JSON, 422 when not the schema's shape.
 * Issue paths are relative to the body (`["traits", "plan"]`), so a form can map them to its fields.
 */
export function parseJsonBody<S extends z.ZodMiniType>(text: string, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'The request body is not valid JSON');
  }
  rejectNulCharacters(value);
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(toValidationIssues(result.error.issues));
  return result.data;
}
