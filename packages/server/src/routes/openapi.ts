import { defineRoute } from '../http/defineRoute.js';
import { API_PATHS } from './apiPaths.js';

/** `GET /v1/openapi.json`: the OpenAPI 3.1 document of this server, built from the contract's schemas. */
export const openApiRoute = defineRoute({
  auth: 'public',
  method: 'GET',
  path: API_PATHS.meta.openApi,
  operationId: 'getOpenApiDocument',
  summary: 'The OpenAPI 3.1 document of this API',
  tags: ['meta'],
  responses: { 200: { description: 'An OpenAPI 3.1 document' } },
  async handle(ctx) {
    return { status: 200, body: ctx.runtime.openApiDocument() };
  },
});
