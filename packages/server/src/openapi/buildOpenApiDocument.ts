import { RAPPORT_HEADERS } from '@rapport/core';
import * as z from 'zod/mini';
import type { RouteDefinition } from '../http/RouteDefinition.js';
import { RAPPORT_ROUTES } from '../routes/index.js';
import { buildWebhooks } from './buildWebhooks.js';
import { REQUEST_SCHEMAS, RESPONSE_SCHEMAS } from './namedSchemas.js';

/** Options of {@link buildOpenApiDocument}. */
export interface BuildOpenApiDocumentOptions {
  /** Routes to describe. Default: every route of the Rapport API. */
  routes?: readonly RouteDefinition[];
  /** Base URL listed under `servers`. Default: none (paths are relative to wherever the document is served). */
  serverUrl?: string;
  /** `info.version`. Default: `'0.1.0'`. */
  version?: string;
}

type JsonObject = Record<string, unknown>;
type Io = 'input' | 'output';

const ERROR_RESPONSES: Record<string, { status: number; description: string }> = {
  BadRequest: { status: 400, description: 'The body is not valid JSON (`bad_request`)' },
  Unauthorized: {
    status: 401,
    description:
      'Missing or invalid credentials (`unauthorized`); on visitor endpoints, an unknown or revoked publishable ' +
      'key (`unknown_publishable_key`, readable cross-origin)',
  },
  OriginNotAllowed: {
    status: 403,
    description:
      "The Origin is not in the key's allowlist (`origin_not_allowed`, readable cross-origin; the message says how " +
      'to allow it)',
  },
  NotFound: { status: 404, description: 'No such resource (`not_found`)' },
  PayloadTooLarge: { status: 413, description: 'The body is over the size limit (`payload_too_large`)' },
  UnsupportedMediaType: { status: 415, description: 'The body is not sent as JSON (`unsupported_media_type`)' },
  ValidationFailed: {
    status: 422,
    description: 'The request does not match its schema (`validation_failed`) or reuses an Idempotency-Key (`idempotency_conflict`)',
  },
  RateLimited: { status: 429, description: 'Too many requests (`rate_limited`); see Retry-After' },
  Internal: { status: 500, description: 'An error on the server (`internal`)' },
};

function clean(schema: JsonObject): JsonObject {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** Builds the components and a `schemaFor` that refers to named schemas and inlines the rest. */
function createSchemaCatalog() {
  const names = { input: new Map<unknown, string>(), output: new Map<unknown, string>() };
  const components: Record<string, JsonObject> = {};
  const uri = (id: string) => `#/components/schemas/${id}`;
  for (const [io, list] of [['output', RESPONSE_SCHEMAS], ['input', REQUEST_SCHEMAS]] as const) {
    const registry = z.registry<{ id: string }>();
    for (const [name, schema] of list) {
      registry.add(schema, { id: name });
      names[io].set(schema, name);
    }
    const { schemas } = z.toJSONSchema(registry, { uri, target: 'draft-2020-12', io, unrepresentable: 'any' });
    for (const [name, schema] of Object.entries(schemas)) components[name] ??= clean(schema as JsonObject);
  }
  const schemaFor = (schema: z.ZodMiniType, io: Io): JsonObject => {
    const name = names[io].get(schema);
    if (name) return { $ref: uri(name) };
    return clean(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonObject);
  };
  return { components, schemaFor };
}

function parametersOf(schema: z.ZodMiniType | undefined, location: 'path' | 'query'): JsonObject[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonObject;
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

function securityOf(route: RouteDefinition): JsonObject[] {
  if (route.auth.kind === 'admin') return [{ secretKey: [] }];
  if (route.auth.kind === 'public') return [];
  const withToken = { publishableKey: [], visitorToken: [] };
  return route.auth.token === 'required' ? [withToken] : [withToken, { publishableKey: [] }];
}

function errorRefsOf(route: RouteDefinition): Record<string, JsonObject> {
  const names: string[] = [];
  if (route.body) names.push('BadRequest');
  if (route.auth.kind !== 'public') names.push('Unauthorized');
  if (route.auth.kind === 'visitor') names.push('OriginNotAllowed');
  if (route.params && route.method === 'GET') names.push('NotFound');
  if (route.body) names.push('PayloadTooLarge', 'UnsupportedMediaType');
  if (route.auth.kind !== 'public') names.push('ValidationFailed', 'RateLimited');
  names.push('Internal');
  return Object.fromEntries(
    names.map((name) => [String(ERROR_RESPONSES[name]?.status), { $ref: `#/components/responses/${name}` }]),
  );
}

function operationOf(route: RouteDefinition, schemaFor: (schema: z.ZodMiniType, io: Io) => JsonObject): JsonObject {
  const headers = [...(route.headers ?? [])];
  if (route.idempotent) {
    headers.push({
      name: RAPPORT_HEADERS.idempotencyKey,
      description: 'Client-generated key (1–255 printable characters); a retry with the same key and body replays the first response.',
    });
  }
  const responses: Record<string, JsonObject> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = {
      description: spec.description,
      content: { 'application/json': { schema: spec.schema ? schemaFor(spec.schema, 'output') : { type: 'object' } } },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: securityOf(route),
    parameters: [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.query, 'query'),
      ...headers.map((header) => ({
        name: header.name,
        in: 'header',
        required: header.required ?? false,
        description: header.description,
        schema: { type: 'string' },
      })),
    ],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaFor(route.body, 'input') } } } }
      : {}),
    responses: { ...responses, ...errorRefsOf(route) },
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the route registry and the contract's zod schemas, with the
 * webhook events under `webhooks`.
 */
export function buildOpenApiDocument(options: BuildOpenApiDocumentOptions = {}): JsonObject {
  const routes = options.routes ?? RAPPORT_ROUTES;
  const { components, schemaFor } = createSchemaCatalog();
  const webhooks = buildWebhooks();
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operationOf(route, schemaFor);
  }
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } };
  const responses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([name, { description, status }]) => [
      name,
      {
        description,
        content: errorContent,
        ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rapport API',
      version: options.version ?? '0.1.0',
      description: 'Feedback, preferences, loyalty and contact-owner widgets, backed by one API.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [
      { name: 'visitor', description: 'Called from the browser with a publishable key and a visitor token' },
      { name: 'admin', description: "Called from the business's server with a secret key" },
      { name: 'contacts', description: 'Contacts: the visitors as the business knows them' },
      { name: 'feedback', description: 'Surveys, prompt events, responses, replies and results' },
      { name: 'meta', description: 'About the API itself' },
      { name: 'webhooks', description: 'Events the server sends to the endpoints a site registers (Standard Webhooks)' },
    ],
    paths,
    webhooks: webhooks.webhooks,
    components: {
      schemas: { ...components, ...webhooks.schemas },
      responses,
      securitySchemes: {
        publishableKey: {
          type: 'apiKey',
          in: 'header',
          name: RAPPORT_HEADERS.publishableKey,
          description: 'The site publishable key (pk_live_…); its Origin allowlist is enforced',
        },
        visitorToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'HS256 visitor token signed with the site identity secret',
        },
        secretKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A site secret key (sk_live_…); server-to-server only',
        },
      },
    },
  };
}
