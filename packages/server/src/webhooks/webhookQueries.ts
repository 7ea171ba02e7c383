import type { WebhookEndpoint, WebhookEventType } from '@rapport/core';
import { newId } from '../crypto/random.js';
import { ApiError } from '../http/ApiError.js';
import type { KeysetPosition } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';
import { disableWebhookEndpoint } from './disableWebhookEndpoint.js';
import { generateWebhookSecret } from './signWebhook.js';

/** A `webhook_endpoints` row. */
export interface WebhookEndpointRow {
  id: string;
  site_id: string;
  url: string;
  description: string;
  event_types: string[];
  enabled: boolean;
  disabled_reason: 'failing' | 'manual' | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** An endpoint as the admin API shows it (never its secret); a previous secret past its overlap is not mentioned. */
export function toWebhookEndpoint(row: WebhookEndpointRow, now: Date): WebhookEndpoint {
  const until = row.previous_secret_until && row.previous_secret_until > now ? row.previous_secret_until : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types as WebhookEventType[],
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    failingSince: row.failing_since?.toISOString() ?? null,
    previousSecretValidUntil: until?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The site's endpoint `id`, or 404 `not_found` (an endpoint of another site is not found either). */
export async function webhookEndpointOr404(db: SqlExecutor, siteId: string, id: string, lock = false): Promise<WebhookEndpointRow> {
  const { rows } = await db.query<WebhookEndpointRow>(
    `SELECT * FROM webhook_endpoints WHERE site_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [siteId, id],
  );
  if (!rows[0]) throw new ApiError(404, 'not_found', `No webhook endpoint "${id}"`);
  return rows[0];
}

/** Creates an endpoint with a new secret. */
export async function insertWebhookEndpoint(
  db: SqlExecutor,
  input: { siteId: string; url: string; description: string; eventTypes: readonly string[]; now: Date },
): Promise<WebhookEndpointRow> {
  const { rows } = await db.query<WebhookEndpointRow>(
    `INSERT INTO webhook_endpoints (id, site_id, url, description, event_types, secret, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $7) RETURNING *`,
    [newId('whep'), input.siteId, input.url, input.description, [...new Set(input.eventTypes)], generateWebhookSecret(), input.now],
  );
  return rows[0]!;
}

/** A page of the site's endpoints, oldest first, after `after`. */
export async function listWebhookEndpoints(
  db: SqlExecutor,
  siteId: string,
  page: { after: KeysetPosition | null; limit: number },
): Promise<WebhookEndpointRow[]> {
  const { rows } = await db.query<WebhookEndpointRow>(
    `SELECT * FROM webhook_endpoints
     WHERE site_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::text))
     ORDER BY created_at, id LIMIT $4`,
    [siteId, page.after?.at ?? null, page.after?.id ?? '', page.limit],
  );
  return rows;
}

/** The fields of an endpoint a `PATCH` changes. */
export interface WebhookEndpointChanges {
  url?: string;
  description?: string;
  eventTypes?: readonly string[];
  enabled?: boolean;
}

/**
 * Applies `changes` to a locked endpoint: `enabled: true` re-enables it and forgets its failure run; `enabled: false`
 * disables it (`manual`) and cancels its pending deliveries.
 */
export async function updateWebhookEndpoint(
  tx: SqlExecutor,
  current: WebhookEndpointRow,
  changes: WebhookEndpointChanges,
  now: Date,
): Promise<WebhookEndpointRow> {
  if (changes.enabled === false && current.enabled) {
    await disableWebhookEndpoint(tx, { endpointId: current.id, reason: 'manual', now });
  }
  const enable = changes.enabled === true && !current.enabled;
  const { rows } = await tx.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints
     SET url = COALESCE($2, url), description = COALESCE($3, description), event_types = COALESCE($4::text[], event_types),
         enabled = enabled OR $5, disabled_reason = CASE WHEN $5 THEN NULL ELSE disabled_reason END,
         disabled_at = CASE WHEN $5 THEN NULL ELSE disabled_at END, failing_since = CASE WHEN $5 THEN NULL ELSE failing_since END,
         updated_at = $6
     WHERE id = $1 RETURNING *`,
    [
      current.id,
      changes.url ?? null,
      changes.description ?? null,
      changes.eventTypes ? [...new Set(changes.eventTypes)] : null,
      enable,
      now,
    ],
  );
  return rows[0]!;
}

/** Deletes an endpoint with its deliveries and attempts (foreign keys cascade); `false` when it was not the site's. */
export async function deleteWebhookEndpoint(db: SqlExecutor, siteId: string, id: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM webhook_endpoints WHERE site_id = $1 AND id = $2 RETURNING id', [siteId, id]);
  return rows.length > 0;
}

/**
 * Gives a locked endpoint a new secret. The one it had keeps signing too until `now + overlapMs` (0: it stops at
 * once); a rotation during an overlap ends the older secret's.
 */
export async function rotateWebhookSecret(
  tx: SqlExecutor,
  current: WebhookEndpointRow,
  options: { overlapMs: number; now: Date },
): Promise<WebhookEndpointRow> {
  const until = options.overlapMs > 0 ? new Date(options.now.getTime() + options.overlapMs) : null;
  const { rows } = await tx.query<WebhookEndpointRow>(
    `UPDATE webhook_endpoints SET secret = $2, previous_secret = $3, previous_secret_until = $4, updated_at = $5
     WHERE id = $1 RETURNING *`,
    [current.id, generateWebhookSecret(), until ? current.secret : null, until, options.now],
  );
  return rows[0]!;
}
