import { base64UrlDecodeText, base64UrlEncodeText } from '../crypto/base64url.js';
import type { ContactCursor } from './contactQueries.js';

/** Opaque cursor for the position after `cursor` in the newest-first order. */
export function encodeContactCursor(cursor: ContactCursor): string {
  return base64UrlEncodeText(JSON.stringify([cursor.createdAt.toISOString(), cursor.id]));
}

/** The position a cursor stands for; `null` when it is not one this server made. */
export function decodeContactCursor(text: string): ContactCursor | null {
  const json = base64UrlDecodeText(text);
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) return null;
    return { createdAt: date, id };
  } catch {
    return null;
  }
}
