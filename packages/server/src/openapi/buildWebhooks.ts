import type { WebhookEventType } from '@rapport/core';
import { WEBHOOK_EVENT_TYPES, webhookEnvelopeSchema } from '@rapport/core/schemas';
import * as z from 'zod/mini';

type JsonObject = Record<string, unknown>;

/** The component name of an event type's body: `feedback.response.created` → `FeedbackResponseCreatedEvent`. */
export function webhookComponentName(type: WebhookEventType): string {
  return `${type
    .split(/[._]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}Event`;
}

const HEADERS = [
  { name: 'webhook-id', description: 'The event id (`msg_…`), the same on every attempt: deduplicate on it.' },
  { name: 'webhook-timestamp', description: 'Seconds since the epoch when this attempt was signed; refuse one too far from now.' },
  {
    name: 'webhook-signature',
    description:
      'Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` with the ' +
      "endpoint's secret (`whsec_…`, base64 after the prefix); during a secret rotation one per valid secret.",
  },
];

function operationOf(type: WebhookEventType, ref: string): JsonObject {
  return {
    operationId: `webhook_${type.replace(/\./g, '_')}`,
    summary: `The \`${type}\` event`,
    tags: ['webhooks'],
    parameters: HEADERS.map((header) => ({ ...header, in: 'header', required: true, schema: { type: 'string' } })),
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: ref } } } },
    responses: {
      '2XX': { description: 'Received: any 2xx status acknowledges the event; anything else (or no answer) is retried' },
    },
  };
}

/**
 * The OpenAPI 3.1 `webhooks` map (one `post` per event type, its body the `{ type, timestamp, data }` envelope with
 * that type's `data` schema, the Standard Webhooks headers) and the component schemas it refers to, converted the
 * way request and response schemas are.
 */
export function buildWebhooks(): { webhooks: Record<string, JsonObject>; schemas: Record<string, JsonObject> } {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const registry = z.registry<{ id: string }>();
  for (const type of WEBHOOK_EVENT_TYPES) registry.add(webhookEnvelopeSchema(type), { id: webhookComponentName(type) });
  const converted = z.toJSONSchema(registry, { uri, target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
  const schemas: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(converted.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
    schemas[name] = rest;
  }
  const webhooks = Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [type, { post: operationOf(type, uri(webhookComponentName(type))) }]),
  );
  return { webhooks, schemas };
}
