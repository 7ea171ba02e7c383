import type { SqlExecutor } from '../store/Store.js';
import { enqueueWebhookEvent } from './enqueueWebhookEvent.js';

/** Options of {@link disableWebhookEndpoint}. */
export interface DisableWebhookEndpointOptions {
  endpointId: string;
  /** `failing`: the server gave up on it (announced to the site's other endpoints); `manual`: the business did it. */
  reason: 'failing' | 'manual';
  /** When it is disabled. */
  now: Date;
}

/**
 * Disables an endpoint (in the caller's transaction) and cancels its pending deliveries. When the server gives up on
 * a failing endpoint, a `webhook.endpoint.disabled` event goes to the site's other enabled endpoints subscribed to
 * it (never to the disabled one, which is no longer enabled when the event fans out). Resolves `false` when the
 * endpoint was already disabled (nothing changes then).
 */
export async function disableWebhookEndpoint(tx: SqlExecutor, options: DisableWebhookEndpointOptions): Promise<boolean> {
  const { endpointId, reason, now } = options;
  const { rows } = await tx.query<{ site_id: string; url: string; failing_since: Date | null }>(
    `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = $3, updated_at = $3
     WHERE id = $1 AND enabled RETURNING site_id, url, failing_since`,
    [endpointId, reason, now],
  );
  const endpoint = rows[0];
  if (!endpoint) return false;
  await tx.query(
    `UPDATE webhook_deliveries SET status = 'cancelled', finished_at = $2 WHERE endpoint_id = $1 AND status = 'pending'`,
    [endpointId, now],
  );
  if (reason === 'failing') {
    await enqueueWebhookEvent(tx, {
      siteId: endpoint.site_id,
      type: 'webhook.endpoint.disabled',
      contactId: null,
      data: {
        endpointId,
        url: endpoint.url,
        reason,
        failingSince: (endpoint.failing_since ?? now).toISOString(),
        disabledAt: now.toISOString(),
      },
      now,
    });
  }
  return true;
}
