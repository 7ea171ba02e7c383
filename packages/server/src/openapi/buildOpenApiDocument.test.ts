import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { buildOpenApiDocument } from './buildOpenApiDocument.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';

interface MediaType {
  schema: unknown;
}
interface Operation {
  operationId: string;
  security: unknown[];
  parameters: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
}
interface Doc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    responses: Record<string, { headers?: Record<string, unknown> }>;
    securitySchemes: Record<string, unknown>;
  };
}

let h: Harness;
let doc: Doc;

function op(path: string, method: string): Operation {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} is not documented`);
  return found;
}

beforeAll(async () => {
  h = await createHarness();
  const response = await h.app.request('/v1/openapi.json');
  expect(response.status).toBe(200);
  doc = (await response.json()) as Doc;
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refsIn(child, found);
    }
  }
  return found;
}

describe('GET /v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document equal to buildOpenApiDocument()', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Rapport API', version: expect.any(String) });
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('describes every mounted route, and only those', () => {
    const mounted = h.app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(mounted.length).toBeGreaterThanOrEqual(6);
    expect([...documented].sort()).toEqual([...new Set(mounted)].sort());
  });

  it('has a unique operationId, responses and security on every operation', () => {
    const ids = new Set<string>();
    for (const item of Object.values(doc.paths)) {
      for (const operation of Object.values(item)) {
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(1);
        expect(operation.responses['500']).toEqual({ $ref: '#/components/responses/Internal' });
        expect(Array.isArray(operation.security)).toBe(true);
      }
    }
  });

  it('resolves every $ref, and names the contract schemas', () => {
    for (const ref of refsIn(doc)) {
      const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? [];
      const components: Record<string, Record<string, unknown>> = doc.components;
      expect(section && name && components[section]?.[name], ref).toBeTruthy();
    }
    for (const name of [
      'BootstrapResponse', 'VisitorSession', 'VisitorProfileUpdate', 'Contact', 'ContactPage', 'ContactUpsert', 'ErrorEnvelope',
      'Survey', 'SurveyCreate', 'SurveyUpdate', 'SurveyList', 'SurveyResults', 'FeedbackResponse', 'FeedbackResponsePage',
      'FeedbackResponseUpdate', 'FeedbackSettings', 'ResponseSubmit', 'VisitorResponse', 'PromptEvent', 'PromptEventResult',
      'ReplySeen', 'LoopReply', 'VisitorSurvey', 'FeedbackBootstrap', 'LoyaltyProgram', 'LoyaltyProgramInput',
      'LoyaltyAccountSummary', 'LoyaltyBootstrap', 'LedgerEntry', 'LoyaltyMember', 'RedemptionRequest', 'RedemptionResult',
      'MemberToken', 'LoyaltyAward', 'OwnerBootstrap', 'PublicOwner', 'Availability', 'Staff', 'StaffInput', 'StaffList',
      'OwnerSettings', 'Touch', 'TouchResult', 'ContactOwner', 'Assignment', 'OwnerAssignmentInput',
    ]) {
      expect(doc.components.schemas[name], name).toBeTruthy();
    }
    expect(JSON.stringify(doc.components.schemas)).not.toContain('"$schema"');
  });

  it('documents auth, parameters, bodies and errors of each route', () => {
    const { securitySchemes } = doc.components;
    expect(securitySchemes.publishableKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-rapport-key' });
    expect(securitySchemes.visitorToken).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(securitySchemes.secretKey).toMatchObject({ type: 'http', scheme: 'bearer' });

    const bootstrap = op('/v1/visitor/bootstrap', 'get');
    expect(bootstrap.security).toEqual([{ publishableKey: [], visitorToken: [] }, { publishableKey: [] }]);
    expect(bootstrap.responses['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/BootstrapResponse' });
    expect(bootstrap.responses['403']).toBeTruthy();

    const profile = op('/v1/visitor/profile', 'patch');
    expect(profile.security).toEqual([{ publishableKey: [], visitorToken: [] }]);
    expect(profile.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/VisitorProfileUpdate' });
    expect(profile.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }));
    for (const status of ['400', '401', '413', '415', '422', '429']) expect(profile.responses[status], status).toBeTruthy();

    const list = op('/v1/admin/contacts', 'get');
    expect(list.security).toEqual([{ secretKey: [] }]);
    expect(list.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['query:limit', 'query:cursor']);

    const put = op('/v1/admin/contacts/{externalId}', 'put');
    expect(put.parameters[0]).toMatchObject({ name: 'externalId', in: 'path', required: true, schema: { type: 'string' } });
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '201']));
    expect(op('/v1/admin/contacts/{externalId}', 'get').responses['404']).toBeTruthy();
    expect(doc.components.responses.RateLimited?.headers?.['Retry-After']).toBeTruthy();
  });

  it('keeps request schemas strict (unknown fields are refused)', () => {
    for (const name of ['VisitorProfileUpdate', 'ContactUpsert', 'SurveyCreate', 'SurveyUpdate', 'ResponseSubmit', 'PromptEvent', 'ReplySeen', 'FeedbackResponseUpdate', 'FeedbackSettings']) {
      expect(doc.components.schemas[name]?.additionalProperties, name).toBe(false);
    }
  });

  it('documents the feedback routes with their auth and their 404 and 409 answers', () => {
    const respond = op('/v1/visitor/feedback/responses', 'post');
    expect(respond.security).toEqual([{ publishableKey: [], visitorToken: [] }]);
    expect(respond.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ResponseSubmit' });
    expect(respond.responses['201']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/VisitorResponse' });
    for (const status of ['200', '404', '409', '422']) expect(respond.responses[status], status).toBeTruthy();
    expect(op('/v1/visitor/feedback/events', 'post').responses['409']).toBeTruthy();
    const seen = op('/v1/visitor/feedback/replies/{responseId}/seen', 'post');
    expect(seen.parameters[0]).toMatchObject({ name: 'responseId', in: 'path', required: true });
    expect(seen.responses['404']).toBeTruthy();
    for (const [path, method] of [
      ['/v1/admin/surveys', 'post'], ['/v1/admin/surveys', 'get'], ['/v1/admin/surveys/{id}', 'get'], ['/v1/admin/surveys/{id}', 'patch'],
      ['/v1/admin/surveys/{id}/results', 'get'], ['/v1/admin/feedback/responses', 'get'], ['/v1/admin/feedback/responses/{id}', 'patch'],
      ['/v1/admin/feedback/contact-requests', 'get'], ['/v1/admin/feedback/settings', 'get'], ['/v1/admin/feedback/settings', 'put'],
    ] as const) {
      expect(op(path, method).security, `${method} ${path}`).toEqual([{ secretKey: [] }]);
    }
    expect(op('/v1/admin/feedback/responses', 'get').parameters.map((p) => p.name)).toEqual([
      'surveyId', 'status', 'band', 'contactRequested', 'from', 'to', 'limit', 'cursor',
    ]);
  });

  it('documents the owner routes: the visitor route needs a token, the rest the secret key', () => {
    expect(op('/v1/visitor/owner', 'get').security).toEqual([{ publishableKey: [], visitorToken: [] }]);
    expect(op('/v1/visitor/owner', 'get').responses['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/OwnerBootstrap' });
    for (const [path, method] of [
      ['/v1/admin/staff', 'get'], ['/v1/admin/staff/{staffId}', 'get'], ['/v1/admin/staff/{staffId}', 'put'], ['/v1/admin/staff/{staffId}', 'delete'],
      ['/v1/admin/owner-settings', 'get'], ['/v1/admin/owner-settings', 'put'], ['/v1/admin/touches', 'post'],
      ['/v1/admin/contacts/{externalId}/owner', 'get'], ['/v1/admin/contacts/{externalId}/owner', 'put'],
      ['/v1/admin/staff/{staffId}/contact-requests', 'get'], ['/v1/admin/owners/contact-requests', 'get'],
    ] as const) {
      expect(op(path, method).security, `${method} ${path}`).toEqual([{ secretKey: [] }]);
    }
    expect(op('/v1/admin/contacts/{externalId}/owner', 'put').responses['409']).toBeTruthy();
    for (const name of ['StaffInput', 'OwnerSettings', 'Touch', 'OwnerAssignmentInput']) {
      expect(doc.components.schemas[name]?.additionalProperties, name).toBe(false);
    }
  });
});
