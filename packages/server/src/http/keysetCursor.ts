import { base64UrlDecodeText, base64UrlEncodeText } from '../crypto/base64url.js';
import { validationFailed } from './ApiError.js';

/** A position in a newest-first list ordered by (time, id), for keyset paging. */
export interface KeysetPosition {
  /** The time the list is ordered by (newest first). */
  at: Date;
  /** The id that breaks ties between equal times. */
  id: string;
}

/** Opaque cursor for the position after `position` in a newest-first order. */
export function encodeKeysetCursor(position: KeysetPosition): string {
  return base64UrlEncodeText(JSON.stringify([position.at.toISOString(), position.id]));
}

/** The position a cursor stands for; `null` when it is not one this server made. */
export function decodeKeysetCursor(text: string): KeysetPosition | null {
  const json = base64UrlDecodeText(text);
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || id.length === 0 || id.length > 64 || id.includes('\u0000')) return null;
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== at) return null;
    return { at: date, id };
  } catch {
    return null;
  }
}

/** The position of a request's `cursor` query parameter, `null` without one; 422 when this server did not make it. */
export function cursorFromQuery(cursor: string | undefined): KeysetPosition | null {
  if (cursor === undefined) return null;
  const position = decodeKeysetCursor(cursor);
  if (!position) throw validationFailed([{ path: ['query', 'cursor'], message: 'Not a cursor from this API', code: 'invalid_format' }]);
  return position;
}
