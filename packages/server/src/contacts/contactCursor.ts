import { decodeKeysetCursor, encodeKeysetCursor } from '../http/keysetCursor.js';
import type { ContactCursor } from './contactQueries.js';

/** Opaque cursor for the position after `cursor` in the newest-first order. */
export function encodeContactCursor(cursor: ContactCursor): string {
  return encodeKeysetCursor({ at: cursor.createdAt, id: cursor.id });
}

/** The position a cursor stands for; `null` when it is not one this server made. */
export function decodeContactCursor(text: string): ContactCursor | null {
  const position = decodeKeysetCursor(text);
  return position ? { createdAt: position.at, id: position.id } : null;
}
