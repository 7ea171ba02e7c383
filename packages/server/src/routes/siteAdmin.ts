import {
  CreatedSecretKeySchema,
  IdentitySecretRotatedSchema,
  IdentitySecretRotateSchema,
  IdSchema,
  SecretKeyInfoSchema,
  SiteAdminSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { defineRoute } from '../http/defineRoute.js';
import { createSecretKey } from '../sites/createSecretKey.js';
import { describeSite, toSecretKeyInfo } from '../sites/describeSite.js';
import { rotateIdentitySecret } from '../sites/rotateIdentitySecret.js';
import { revokeSecretKey } from '../sites/secretKeys.js';
import { asApiRefusal, SITE_ADMIN_REFUSALS } from './siteAdminErrors.js';
import { API_PATHS } from './apiPaths.js';

// A secret key manages its own site: its keys, origins and identity secret. Creating and listing sites is the
// operator's (the CLI, with access to the database); no key of one site reaches another.
const TAGS = ['admin', 'site'];

/** `GET /v1/admin/site`. */
export const getSiteRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.site.site,
  operationId: 'getSite',
  summary: 'The site of this secret key: its publishable keys and origins, its secret keys, its identity secret’s status',
  description: 'Never includes a secret: secret keys are listed by id and prefix, the identity secret by when it was rotated.',
  tags: TAGS,
  responses: { 200: { description: 'The site', schema: SiteAdminSchema } },
  async handle(ctx) {
    return { status: 200, body: await describeSite(ctx.db, ctx.site, ctx.now) };
  },
});

/** `POST /v1/admin/site/secret-keys`. */
export const createSecretKeyRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.site.secretKeys,
  operationId: 'createSecretKey',
  summary: 'Create a secret key (shown once)',
  description:
    'The response is the only time the key is readable: only its SHA-256 is stored. To rotate, create a key, deploy it, ' +
    'then revoke the old one.',
  tags: TAGS,
  responses: { 201: { description: 'The new key, in clear this once', schema: CreatedSecretKeySchema } },
  async handle(ctx) {
    const { id, prefix, secretKey, createdAt } = await createSecretKey(ctx.db, ctx.site.id);
    return { status: 201, body: { id, prefix, secretKey, createdAt: createdAt.toISOString() } };
  },
});

/** `DELETE /v1/admin/site/secret-keys/{keyId}`. */
export const revokeSecretKeyRoute = defineRoute({
  auth: 'admin',
  method: 'DELETE',
  path: API_PATHS.site.secretKey,
  operationId: 'revokeSecretKey',
  summary: 'Revoke a secret key',
  description:
    'Refused from the next request on, on every server instance (keys are looked up in the database on each request, ' +
    'never cached). The key this request uses may be revoked too, but never the site’s last one (409).',
  tags: TAGS,
  params: z.strictObject({ keyId: IdSchema }),
  responses: {
    200: { description: 'The revoked key', schema: SecretKeyInfoSchema },
    404: SITE_ADMIN_REFUSALS.notFound,
    409: SITE_ADMIN_REFUSALS.lastKey,
  },
  async handle(ctx) {
    const { site, params } = ctx;
    const revoked = await asApiRefusal('keyId', () =>
      ctx.transaction((tx) => revokeSecretKey(tx, { siteId: site.id, key: params.keyId, now: ctx.clock() })),
    );
    return { status: 200, body: toSecretKeyInfo(revoked) };
  },
});

/** `POST /v1/admin/site/identity-secret/rotate`. */
export const rotateIdentitySecretRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.site.rotateIdentitySecret,
  operationId: 'rotateIdentitySecret',
  summary: 'Rotate the identity secret (the new one is shown once)',
  description:
    'Visitor tokens signed with the previous secret keep verifying for `graceSeconds` (default 7 days: time to deploy the ' +
    'new secret to every server of yours and for the tokens they minted to expire); after it, only the new one. ' +
    '`graceSeconds: 0` ends the old secret at once (it leaked). Rotating again during a grace period ends the older ' +
    'secret’s grace. Anonymous visitors and emailed unsubscribe and confirmation links are not affected.',
  tags: TAGS,
  body: IdentitySecretRotateSchema,
  responses: { 200: { description: 'The new identity secret', schema: IdentitySecretRotatedSchema } },
  async handle(ctx) {
    const { site, body } = ctx;
    const rotated = await asApiRefusal('graceSeconds', () =>
      ctx.transaction((tx) =>
        rotateIdentitySecret(tx, {
          siteId: site.id,
          ...(body.graceSeconds === undefined ? {} : { graceMs: body.graceSeconds * 1000 }),
          clock: ctx.clock,
        }),
      ),
    );
    return {
      status: 200,
      body: {
        identitySecret: rotated.identitySecret,
        rotatedAt: rotated.rotatedAt.toISOString(),
        previousValidUntil: rotated.previousValidUntil?.toISOString() ?? null,
      },
    };
  },
});
