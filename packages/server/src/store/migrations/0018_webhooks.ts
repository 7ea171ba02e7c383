import type { Migration } from './Migration.js';

/**
 * Webhooks (Standard Webhooks): endpoints per site, an outbox of events written in the transaction of the change
 * that causes them, one delivery per event and endpoint, and a log of every attempt.
 *
 * - `webhook_endpoints`: where a site's events go. `event_types` empty = every type. `secret` signs (`whsec_…`);
 *   during a rotation `previous_secret` signs too until `previous_secret_until`. `failing_since`: the first failed
 *   attempt of the current failure streak (cleared by a success); an endpoint failing for days is disabled
 *   (`enabled = false`, `disabled_reason`).
 * - `webhook_events`: the outbox. `seq` orders events of a site; `contact_id` (text, not a foreign key: the event
 *   outlives a merge) orders a contact's events for one endpoint.
 * - `webhook_deliveries`: an event for one endpoint, fanned out in the same transaction as the event (endpoints
 *   enabled at that moment and subscribed to its type) or by a replay. A worker claims due rows with
 *   `FOR UPDATE SKIP LOCKED`, so several instances never send one attempt twice. `ordering_key` (the contact)
 *   holds a delivery back while an earlier one of the same endpoint and contact is still pending.
 * - `webhook_attempts`: every attempt (status, latency, a response excerpt, the error), append-only.
 */
export const migration0018Webhooks: Migration = {
  id: 18,
  name: 'webhooks',
  statements: [
    `CREATE TABLE webhook_endpoints (
      id text PRIMARY KEY,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      url text NOT NULL CHECK (length(url) <= 2048),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
      event_types text[] NOT NULL DEFAULT '{}',
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text,
      disabled_at timestamptz,
      failing_since timestamptz,
      secret text NOT NULL CHECK (secret LIKE 'whsec_%'),
      previous_secret text CHECK (previous_secret LIKE 'whsec_%'),
      previous_secret_until timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL)),
      CHECK (enabled OR disabled_at IS NOT NULL)
    )`,
    `CREATE INDEX webhook_endpoints_site_idx ON webhook_endpoints (site_id, created_at, id)`,
    `CREATE TABLE webhook_events (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type ~ '^[a-z_]+(\\.[a-z_]+)+$'),
      contact_id text,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL
    )`,
    `CREATE INDEX webhook_events_site_time_idx ON webhook_events (site_id, created_at, seq)`,
    `CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      event_id text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      ordering_key text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      last_attempt_at timestamptz,
      last_status integer,
      replay boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      CHECK ((status = 'pending') = (finished_at IS NULL))
    )`,
    // The worker's scan: due pending deliveries, oldest first.
    `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, seq) WHERE status = 'pending'`,
    // Per-contact order: is an earlier delivery of this endpoint and contact still pending?
    `CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (endpoint_id, ordering_key, seq) WHERE status = 'pending'`,
    `CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, seq DESC)`,
    `CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id)`,
    `CREATE TABLE webhook_attempts (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
      delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      event_id text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
      attempt integer NOT NULL CHECK (attempt >= 1),
      attempted_at timestamptz NOT NULL,
      status_code integer,
      latency_ms integer NOT NULL CHECK (latency_ms >= 0),
      response_excerpt text NOT NULL DEFAULT '' CHECK (length(response_excerpt) <= 2000),
      error text CHECK (length(error) <= 500),
      UNIQUE (delivery_id, attempt)
    )`,
    `CREATE INDEX webhook_attempts_endpoint_idx ON webhook_attempts (endpoint_id, seq DESC)`,
    `CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt)`,
  ],
};
