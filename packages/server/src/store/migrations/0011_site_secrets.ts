import type { Migration } from './Migration.js';

/**
 * Secrets a site can rotate without breaking what it already sent out:
 *
 * - `server_secret` keys what the server issues itself and never hands to the business: anonymous visitor tokens,
 *   one-click unsubscribe links and double opt-in links. It never rotates, so those keep working when the
 *   identity secret does. Existing sites start with the identity secret of the day, the secret their links and
 *   anonymous tokens were keyed by; new sites get 32 random bytes (the column default, so a site inserted by code
 *   written before this migration gets one too).
 * - `previous_identity_secret` and its `previous_identity_secret_until`: after a rotation, visitor tokens signed
 *   with the previous identity secret verify until then. Both set or both empty.
 */
export const migration0011SiteSecrets: Migration = {
  id: 11,
  name: 'site_secrets',
  statements: [
    `ALTER TABLE sites ADD COLUMN server_secret text`,
    `UPDATE sites SET server_secret = identity_secret`,
    `ALTER TABLE sites ALTER COLUMN server_secret SET NOT NULL`,
    // Two version-4 UUIDs carry 244 random bits from the database's strong random source (pg_strong_random).
    `ALTER TABLE sites ALTER COLUMN server_secret SET DEFAULT
       rtrim(translate(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/', '-_'), '=')`,
    `ALTER TABLE sites ADD COLUMN previous_identity_secret text`,
    `ALTER TABLE sites ADD COLUMN previous_identity_secret_until timestamptz`,
    `ALTER TABLE sites ADD COLUMN identity_secret_rotated_at timestamptz`,
    `ALTER TABLE sites ADD CONSTRAINT sites_previous_identity_secret_pair
       CHECK ((previous_identity_secret IS NULL) = (previous_identity_secret_until IS NULL))`,
  ],
};
