import { WEBHOOK_EVENT_TYPES } from '@rapport/core/schemas';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './buildOpenApiDocument.js';
import { webhookComponentName } from './buildWebhooks.js';

interface WebhookOperation {
  parameters: { name: string; in: string; required: boolean }[];
  requestBody: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, unknown>;
}
interface Doc {
  openapi: string;
  webhooks: Record<string, { post: WebhookOperation }>;
  components: { schemas: Record<string, { properties?: Record<string, { const?: string; $ref?: string; properties?: unknown }>; required?: string[] }> };
}

describe('OpenAPI webhooks', () => {
  const doc = buildOpenApiDocument() as unknown as Doc;

  it('lists every event type, its body the envelope with that type and its data schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const { post } = doc.webhooks[type]!;
      const ref = post.requestBody.content['application/json'].schema.$ref;
      expect(ref).toBe(`#/components/schemas/${webhookComponentName(type)}`);
      const body = doc.components.schemas[webhookComponentName(type)];
      expect(body?.required).toEqual(['type', 'timestamp', 'data']);
      expect(body?.properties?.type?.const).toBe(type);
      expect(body?.properties?.data?.properties).toBeDefined();
      expect(post.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
        ['webhook-id', 'header', true],
        ['webhook-timestamp', 'header', true],
        ['webhook-signature', 'header', true],
      ]);
      expect(Object.keys(post.responses)).toEqual(['2XX']);
    }
  });

  it('keeps the route components as they were', () => {
    expect(doc.components.schemas.ErrorEnvelope).toBeDefined();
  });
});
