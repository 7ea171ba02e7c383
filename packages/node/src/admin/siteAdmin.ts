import {
  CreatedSecretKeySchema,
  IdentitySecretRotatedSchema,
  IdentitySecretRotateSchema,
  OriginAddSchema,
  OriginRemoveQuerySchema,
  PublishableKeyCreateSchema,
  PublishableKeySchema,
  SecretKeyInfoSchema,
  SiteAdminSchema,
} from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import { operation, type MethodsFor, type AdminCallOptions, type AdminWriteOptions } from './AdminOperation.js';
import type { AdminCall } from './createAdminCall.js';

const SITE = '/v1/admin/site';
const PUBLISHABLE_KEY = `${SITE}/publishable-keys/{key}`;

/** The site operations, by SDK method name. */
export const siteOperations = {
  get: operation({ operationId: 'getSite', method: 'GET', path: SITE, response: SiteAdminSchema, retry: 'read' }),
  createPublishableKey: operation({
    operationId: 'createPublishableKey',
    method: 'POST',
    path: `${SITE}/publishable-keys`,
    body: PublishableKeyCreateSchema,
    response: PublishableKeySchema,
    retry: 'once',
  }),
  revokePublishableKey: operation({ operationId: 'revokePublishableKey', method: 'DELETE', path: PUBLISHABLE_KEY, response: PublishableKeySchema, retry: 'once' }),
  addAllowedOrigin: operation({
    operationId: 'addAllowedOrigin',
    method: 'POST',
    path: `${PUBLISHABLE_KEY}/origins`,
    body: OriginAddSchema,
    response: PublishableKeySchema,
    retry: 'natural',
  }),
  removeAllowedOrigin: operation({
    operationId: 'removeAllowedOrigin',
    method: 'DELETE',
    path: `${PUBLISHABLE_KEY}/origins`,
    query: OriginRemoveQuerySchema,
    response: PublishableKeySchema,
    retry: 'once',
  }),
  createSecretKey: operation({ operationId: 'createSecretKey', method: 'POST', path: `${SITE}/secret-keys`, response: CreatedSecretKeySchema, retry: 'once' }),
  revokeSecretKey: operation({ operationId: 'revokeSecretKey', method: 'DELETE', path: `${SITE}/secret-keys/{keyId}`, response: SecretKeyInfoSchema, retry: 'once' }),
  rotateIdentitySecret: operation({
    operationId: 'rotateIdentitySecret',
    method: 'POST',
    path: `${SITE}/identity-secret/rotate`,
    body: IdentitySecretRotateSchema,
    response: IdentitySecretRotatedSchema,
    retry: 'once',
  }),
} as const;

/**
 * The site of the secret key: publishable keys and their allowed origins, secret keys, the identity secret. Calls
 * that mint or revoke a credential are sent once and never retried: a retry could mint a second one.
 */
export function createSiteAdmin(call: AdminCall) {
  const ops = siteOperations;
  return {
    /** The site, its keys (never a secret in clear) and its identity secret's status. */
    get: (options?: AdminCallOptions) => call(ops.get, {}, options),
    /** Creates a publishable key for the browser, with its allowed origins. */
    createPublishableKey: (key: z.input<typeof PublishableKeyCreateSchema> = {}, options?: AdminWriteOptions) =>
      call(ops.createPublishableKey, { body: key }, options),
    /** Revokes a publishable key: browsers using it are refused from the next request on. */
    revokePublishableKey: (key: string, options?: AdminWriteOptions) => call(ops.revokePublishableKey, { params: { key } }, options),
    /** Allows one more origin for a publishable key. */
    addAllowedOrigin: (key: string, origin: string, options?: AdminWriteOptions) =>
      call(ops.addAllowedOrigin, { params: { key }, body: { origin } }, options),
    /** Removes an allowed origin from a publishable key. */
    removeAllowedOrigin: (key: string, origin: string, options?: AdminWriteOptions) =>
      call(ops.removeAllowedOrigin, { params: { key }, query: { origin } }, options),
    /** Creates a secret key, shown in clear in this answer only. */
    createSecretKey: (options?: AdminWriteOptions) => call(ops.createSecretKey, {}, options),
    /** Revokes a secret key (not the last one). */
    revokeSecretKey: (keyId: string, options?: AdminWriteOptions) => call(ops.revokeSecretKey, { params: { keyId } }, options),
    /** Replaces the identity secret; tokens signed with the old one verify for `graceSeconds` more (default 7 days). */
    rotateIdentitySecret: (rotation: z.input<typeof IdentitySecretRotateSchema> = {}, options?: AdminWriteOptions) =>
      call(ops.rotateIdentitySecret, { body: rotation }, options),
  } satisfies MethodsFor<typeof ops>;
}
