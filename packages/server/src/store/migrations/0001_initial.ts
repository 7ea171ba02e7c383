import type { Migration } from './Migration.js';

/** Sites, their keys, contacts and idempotency keys. */
export const migration0001Initial: Migration = {
  id: 1,
  name: 'initial',
  statements: [
    `CREATE TABLE sites (
      id text PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      default_locale text NOT NULL DEFAULT 'en',
      enabled_widgets text[] NOT NULL DEFAULT '{}',
      identity_secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE site_publishable_keys (
      key text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      allowed_origins text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`,
    `CREATE INDEX site_publishable_keys_site_idx ON site_publishable_keys (site_id)`,
    `CREATE TABLE site_secret_keys (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`,
    `CREATE INDEX site_secret_keys_site_idx ON site_secret_keys (site_id)`,
    `CREATE TABLE contacts (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      external_id text,
      anonymous_id text,
      traits jsonb NOT NULL DEFAULT '{}'::jsonb,
      locale text,
      time_zone text,
      merged_into_id text REFERENCES contacts (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT contacts_site_external_unique UNIQUE (site_id, external_id),
      CONSTRAINT contacts_site_anonymous_unique UNIQUE (site_id, anonymous_id),
      CONSTRAINT contacts_one_identity CHECK (num_nonnulls(external_id, anonymous_id) = 1)
    )`,
    `CREATE INDEX contacts_site_newest_idx ON contacts (site_id, created_at DESC, id DESC)`,
    `CREATE TABLE idempotency_keys (
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      scope text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response_body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (site_id, scope, key)
    )`,
  ],
};
