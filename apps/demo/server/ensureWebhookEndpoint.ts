import type { RapportAdmin } from '@rapport/node';

/** The endpoint the demo server receives its webhooks at, and the secret that signs them. */
export interface DemoWebhookEndpoint {
  id: string;
  /** `whsec_…`: shown only when an endpoint is created or its secret rotated, so the demo rotates it at start-up. */
  secret: string;
}

/**
 * Makes sure the site sends every event type to `url`: the endpoint with that URL is reused (re-enabled if the
 * server disabled it) and its secret rotated to learn it, or it is created. Through the SDK, as a business would.
 */
export async function ensureWebhookEndpoint(admin: RapportAdmin, url: string): Promise<DemoWebhookEndpoint> {
  for await (const endpoint of admin.webhooks.endpoints()) {
    if (endpoint.url !== url) continue;
    // Every type: an empty list subscribes to all of them, new ones included.
    if (!endpoint.enabled || endpoint.eventTypes.length > 0) await admin.webhooks.updateEndpoint(endpoint.id, { enabled: true, eventTypes: [] });
    const rotated = await admin.webhooks.rotateSecret(endpoint.id);
    return { id: rotated.id, secret: rotated.secret };
  }
  const created = await admin.webhooks.createEndpoint({ url, description: 'The demo shop’s mailer (the Mailer page of the console)' });
  return { id: created.id, secret: created.secret };
}
