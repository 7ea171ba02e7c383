import { appendOnlyTable } from './appendOnlyTable.js';
import type { Migration } from './Migration.js';

/**
 * Preferences: catalog versions, each contact's current choices, the append-only hash-chained consent log,
 * double opt-in confirmations and the per-contact one-click unsubscribe token. Tokens are stored only as
 * SHA-256 hashes (the clear token is an HMAC the server can derive again with the site's secret).
 */
export const migration0003Preferences: Migration = {
  id: 3,
  name: 'preferences',
  statements: [
    `CREATE TABLE preference_catalogs (
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      wording jsonb NOT NULL,
      wording_hash text NOT NULL CHECK (wording_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (site_id, version)
    )`,
    `CREATE TABLE contact_preferences (
      contact_id text PRIMARY KEY REFERENCES contacts (id),
      site_id text NOT NULL REFERENCES sites (id),
      paused_until timestamptz,
      unsubscribed_all boolean NOT NULL DEFAULT false,
      unsubscribe_token_hash text NOT NULL UNIQUE CHECK (unsubscribe_token_hash ~ '^[0-9a-f]{64}$'),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE preference_choices (
      contact_id text NOT NULL REFERENCES contact_preferences (contact_id),
      site_id text NOT NULL REFERENCES sites (id),
      topic_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push', 'post', 'phone')),
      state text NOT NULL CHECK (state IN ('pending', 'on')),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (contact_id, topic_id, channel)
    )`,
    `CREATE INDEX preference_choices_site_idx ON preference_choices (site_id, topic_id, channel)`,
    `CREATE TABLE preference_frequencies (
      contact_id text NOT NULL REFERENCES contact_preferences (contact_id),
      topic_id text NOT NULL,
      frequency text NOT NULL CHECK (frequency IN ('immediately', 'daily', 'weekly')),
      PRIMARY KEY (contact_id, topic_id)
    )`,
    `CREATE TABLE consent_events (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id),
      contact_id text NOT NULL REFERENCES contacts (id),
      sequence integer NOT NULL CHECK (sequence >= 1),
      topic_id text,
      channel text CHECK (channel IN ('email', 'sms', 'push', 'post', 'phone')),
      action text NOT NULL CHECK (action IN ('granted', 'withdrawn', 'pending', 'frequency', 'paused', 'resumed',
        'unsubscribed_all', 'resubscribed_all')),
      frequency text CHECK (frequency IN ('immediately', 'daily', 'weekly')),
      paused_until timestamptz,
      source text NOT NULL CHECK (source IN ('widget', 'confirmation_link', 'one_click', 'admin', 'api')),
      wording text NOT NULL,
      wording_hash text NOT NULL,
      catalog_version integer NOT NULL,
      locale text,
      occurred_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      previous_hash text,
      hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
      CONSTRAINT consent_events_chain_unique UNIQUE (contact_id, sequence)
    )`,
    `CREATE INDEX consent_events_site_idx ON consent_events (site_id, contact_id, sequence)`,
    // The log is evidence: the database itself refuses to change or remove it, whatever the application does.
    ...appendOnlyTable('consent_events'),
    `CREATE TABLE preference_confirmations (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id),
      contact_id text NOT NULL REFERENCES contact_preferences (contact_id),
      topic_id text NOT NULL,
      channel text NOT NULL,
      pending_event_id text NOT NULL REFERENCES consent_events (id),
      token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`,
    `CREATE INDEX preference_confirmations_open_idx ON preference_confirmations (site_id, created_at)
       WHERE used_at IS NULL`,
  ],
};
