import { ConfirmOptInSchema, ErrorEnvelopeSchema, PreferenceStateSchema } from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { ApiError } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { confirmOptIn } from '../preferences/confirmOptIn.js';
import { findUnsubscribeToken, unsubscribeByToken } from '../preferences/unsubscribeByToken.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['public', 'preferences'];
const TokenPathSchema = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(200)) });
const UnsubscribeResultSchema = z.object({ unsubscribed: z.boolean(), message: z.string() });
const UNKNOWN_TOKEN = { description: 'Unknown or forged token (`not_found`)', schema: ErrorEnvelopeSchema };

/** `POST /v1/preferences/confirm`: the double opt-in link. */
export const confirmOptInRoute = defineRoute({
  auth: 'public',
  method: 'POST',
  path: API_PATHS.preferences.confirm,
  operationId: 'confirmPreferenceOptIn',
  summary: 'Confirm an email opt-in (double opt-in link)',
  description: 'Turns the pending choice on, recorded with source `confirmation_link` and `confirmedAt`. Tokens last 7 days and work once.',
  tags: TAGS,
  body: ConfirmOptInSchema,
  responses: {
    200: { description: 'The contact’s choices after confirming', schema: PreferenceStateSchema },
    404: { description: 'Unknown, used or expired token (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const state = await ctx.transaction((tx) => confirmOptIn(tx, { token: ctx.body.token, clock: ctx.clock }));
    return { status: 200, body: state };
  },
});

/**
 * `POST /v1/visitor/preferences/confirm`: the same confirmation from the site's own confirmation page in the
 * browser, with the publishable key (origin allowlist, CORS, rate limit); no visitor token is needed.
 */
export const confirmOptInFromPageRoute = defineRoute({
  auth: 'visitor',
  token: 'optional',
  method: 'POST',
  path: API_PATHS.preferences.confirmFromPage,
  operationId: 'confirmPreferenceOptInFromPage',
  summary: 'Confirm an email opt-in from the site’s confirmation page (browser)',
  description:
    'For a confirmation page that calls the API from the browser: as `POST /v1/preferences/confirm`, with the publishable ' +
    'key, so the origin is checked and the answer (errors included) is readable cross-origin. Only links of the key’s site work.',
  tags: ['visitor', 'preferences'],
  body: ConfirmOptInSchema,
  responses: {
    200: { description: 'The contact’s choices after confirming', schema: PreferenceStateSchema },
    404: { description: 'Unknown, used or expired token, or one of another site (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const state = await ctx.transaction((tx) => confirmOptIn(tx, { token: ctx.body.token, clock: ctx.clock, siteId: ctx.site.id }));
    return { status: 200, body: state };
  },
});

/** `POST /v1/unsubscribe/{token}`: RFC 8058 one-click unsubscribe. */
export const oneClickUnsubscribeRoute = defineRoute({
  auth: 'public',
  method: 'POST',
  path: API_PATHS.preferences.unsubscribe,
  operationId: 'oneClickUnsubscribe',
  summary: 'One-click unsubscribe from all marketing (RFC 8058)',
  description:
    'Send the form body `List-Unsubscribe=One-Click` (`application/x-www-form-urlencoded` or `multipart/form-data`). ' +
    'No cookies or credentials: the unguessable token is the authority. Answers 200 without a redirect; repeating it changes ' +
    'nothing and records nothing new. Required (transactional) topics are not affected.',
  tags: TAGS,
  params: TokenPathSchema,
  responses: {
    200: { description: 'Unsubscribed (now or before)', schema: UnsubscribeResultSchema },
    400: { description: 'The body is not `List-Unsubscribe=One-Click` (`bad_request`)', schema: ErrorEnvelopeSchema },
    404: UNKNOWN_TOKEN,
  },
  async handle(ctx) {
    const form = await ctx.c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (form['List-Unsubscribe'] !== 'One-Click') {
      throw new ApiError(400, 'bad_request', 'Send the form body List-Unsubscribe=One-Click to unsubscribe');
    }
    const result = await ctx.transaction((tx) => unsubscribeByToken(tx, { token: ctx.params.token, clock: ctx.clock }));
    if (!result) throw new ApiError(404, 'not_found', 'This unsubscribe link is not valid');
    const message = result.changed ? 'You are unsubscribed from all marketing messages.' : 'You were already unsubscribed from all marketing messages.';
    return { status: 200, body: { unsubscribed: true, message } };
  },
});

/** `GET /v1/unsubscribe/{token}`: link scanners and previews fetch it; it changes nothing. */
export const oneClickUnsubscribeInfoRoute = defineRoute({
  auth: 'public',
  method: 'GET',
  path: API_PATHS.preferences.unsubscribe,
  operationId: 'oneClickUnsubscribeInfo',
  summary: 'Explain the one-click unsubscribe link (changes nothing)',
  tags: TAGS,
  params: TokenPathSchema,
  responses: { 200: { description: 'What the link does, and whether already unsubscribed', schema: UnsubscribeResultSchema }, 404: UNKNOWN_TOKEN },
  async handle(ctx) {
    const found = await findUnsubscribeToken(ctx.db, ctx.params.token);
    if (!found) throw new ApiError(404, 'not_found', 'This unsubscribe link is not valid');
    const message = 'This link unsubscribes from all marketing messages when your mail app sends it with POST. Opening it changes nothing.';
    return { status: 200, body: { unsubscribed: found.unsubscribed_all, message } };
  },
});
