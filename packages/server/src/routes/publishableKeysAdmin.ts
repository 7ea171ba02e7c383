import { OriginAddSchema, OriginRemoveQuerySchema, PublishableKeyCreateSchema, PublishableKeySchema } from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { defineRoute } from '../http/defineRoute.js';
import { toPublishableKey } from '../sites/describeSite.js';
import { changeOrigins, createPublishableKey, revokePublishableKey } from '../sites/publishableKeys.js';
import { asApiRefusal, SITE_ADMIN_REFUSALS } from './siteAdminErrors.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['admin', 'site'];
const KeyPathSchema = z.strictObject({ key: z.string().check(z.minLength(1), z.maxLength(200)) });

/** `POST /v1/admin/site/publishable-keys`. */
export const createPublishableKeyRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.site.publishableKeys,
  operationId: 'createPublishableKey',
  summary: 'Create a publishable key',
  description:
    'Allows `allowedOrigins`, or by default the origins of the site’s current keys: deploy the new key, then revoke the ' +
    'old one. Origins are normalised; `*`, paths and schemes other than http(s) are refused (422).',
  tags: TAGS,
  body: PublishableKeyCreateSchema,
  responses: { 201: { description: 'The new key', schema: PublishableKeySchema } },
  async handle(ctx) {
    const { site, body } = ctx;
    const key = await asApiRefusal('allowedOrigins', () =>
      createPublishableKey(ctx.db, { siteId: site.id, now: ctx.clock(), ...(body.allowedOrigins ? { origins: body.allowedOrigins } : {}) }),
    );
    return { status: 201, body: toPublishableKey(key) };
  },
});

/** `DELETE /v1/admin/site/publishable-keys/{key}`. */
export const revokePublishableKeyRoute = defineRoute({
  auth: 'admin',
  method: 'DELETE',
  path: API_PATHS.site.publishableKey,
  operationId: 'revokePublishableKey',
  summary: 'Revoke a publishable key',
  description: 'Browsers using it are refused from the next request on, on every server instance.',
  tags: TAGS,
  params: KeyPathSchema,
  responses: { 200: { description: 'The revoked key', schema: PublishableKeySchema }, 404: SITE_ADMIN_REFUSALS.notFound },
  async handle(ctx) {
    const { site, params } = ctx;
    const key = await asApiRefusal('key', () => revokePublishableKey(ctx.db, { siteId: site.id, key: params.key, now: ctx.clock() }));
    return { status: 200, body: toPublishableKey(key) };
  },
});

/** `POST /v1/admin/site/publishable-keys/{key}/origins`. */
export const addOriginRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.site.origins,
  operationId: 'addAllowedOrigin',
  summary: 'Allow an origin to use a publishable key',
  description: 'Adding an origin the key allows already changes nothing. `https://*.example.com` allows every subdomain.',
  tags: TAGS,
  params: KeyPathSchema,
  body: OriginAddSchema,
  responses: { 200: { description: 'The key as it is now', schema: PublishableKeySchema }, 404: SITE_ADMIN_REFUSALS.notFound },
  async handle(ctx) {
    const { site, params, body } = ctx;
    const [key] = await asApiRefusal('origin', () => changeOrigins(ctx.db, { siteId: site.id, key: params.key, add: [body.origin] }));
    return { status: 200, body: toPublishableKey(key!) };
  },
});

/** `DELETE /v1/admin/site/publishable-keys/{key}/origins?origin=…`. */
export const removeOriginRoute = defineRoute({
  auth: 'admin',
  method: 'DELETE',
  path: API_PATHS.site.origins,
  operationId: 'removeAllowedOrigin',
  summary: 'Stop allowing an origin to use a publishable key',
  description: 'Pages on that origin are refused from the next request on (403 `origin_not_allowed`).',
  tags: TAGS,
  params: KeyPathSchema,
  query: OriginRemoveQuerySchema,
  responses: { 200: { description: 'The key as it is now', schema: PublishableKeySchema }, 404: SITE_ADMIN_REFUSALS.notFound },
  async handle(ctx) {
    const { site, params, query } = ctx;
    const [key] = await asApiRefusal('origin', () => changeOrigins(ctx.db, { siteId: site.id, key: params.key, remove: [query.origin] }));
    return { status: 200, body: toPublishableKey(key!) };
  },
});
