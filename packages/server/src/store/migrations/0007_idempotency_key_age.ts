import type { Migration } from './Migration.js';

/** `pruneIdempotencyKeys` finds keys past their retention by age: this index lets it skip the live ones. */
export const migration0007IdempotencyKeyAge: Migration = {
  id: 7,
  name: 'idempotency_key_age',
  statements: [`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`],
};
