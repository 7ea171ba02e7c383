import type * as z from 'zod/mini';
import { validationFailed } from './ApiError.js';
import { rejectNulCharacters } from './rejectNulCharacters.js';
import { toValidationIssues } from './toValidationIssues.js';

/** Validates the query string against `schema`; a repeated parameter or a schema mismatch is a 422. */
export function parseQuery<S extends z.ZodMiniType>(url: string, schema: S): z.output<S> {
  const params = new URL(url).searchParams;
  const record: Record<string, string> = {};
  const repeated = new Set<string>();
  for (const [name, value] of params) {
    if (name in record) repeated.add(name);
    record[name] = value;
  }
  if (repeated.size > 0) {
    throw validationFailed(
      [...repeated].map((name) => ({ path: ['query', name], message: 'Give this parameter once', code: 'repeated' })),
    );
  }
  rejectNulCharacters(record, ['query']);
  const result = schema.safeParse(record);
  if (!result.success) throw validationFailed(toValidationIssues(result.error.issues, ['query']));
  return result.data;
}

/** Validates path parameters against `schema` (422 when they do not fit). */
export function parsePathParams<S extends z.ZodMiniType>(params: Record<string, string>, schema: S): z.output<S> {
  rejectNulCharacters(params, ['path']);
  const result = schema.safeParse(params);
  if (!result.success) throw validationFailed(toValidationIssues(result.error.issues, ['path']));
  return result.data;
}
