import { validationFailed } from './ApiError.js';

const MAX_DEPTH = 64;

function findNul(value: unknown, path: (string | number)[], depth: number): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findNul(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNul(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses text holding U+0000 with a 422 at its path. PostgreSQL cannot store that character in `text` or
 * `jsonb`, so without this check such input would fail in the database as a 500.
 */
export function rejectNulCharacters(value: unknown, prefix: (string | number)[] = []): void {
  const path = findNul(value, prefix, 0);
  if (path) throw validationFailed([{ path, message: 'Text may not contain the NUL character (U+0000)', code: 'invalid_format' }]);
}
