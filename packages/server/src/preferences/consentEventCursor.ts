import { base64UrlDecodeText, base64UrlEncodeText } from '../crypto/base64url.js';
import { validationFailed } from '../http/ApiError.js';

/** Opaque cursor for the consent events after `sequence` in a contact's chain (oldest first). */
export function encodeConsentEventCursor(sequence: number): string {
  return base64UrlEncodeText(JSON.stringify(['seq', sequence]));
}

/** The sequence a request's `cursor` stands for, 0 without one; 422 when this server did not make it. */
export function consentEventCursorFromQuery(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const json = base64UrlDecodeText(cursor);
  let value: unknown;
  try {
    value = json === null ? null : JSON.parse(json);
  } catch {
    value = null;
  }
  if (Array.isArray(value) && value.length === 2 && value[0] === 'seq' && Number.isInteger(value[1]) && (value[1] as number) >= 1 && (value[1] as number) <= 2_147_483_647) {
    return value[1] as number;
  }
  throw validationFailed([{ path: ['query', 'cursor'], message: 'Not a cursor from this API', code: 'invalid_format' }]);
}
