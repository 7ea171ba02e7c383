import { ANONYMOUS_TOKEN_HEADER, RAPPORT_HEADERS } from '@rapport/core';
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { authenticateAdmin } from '../auth/authenticateAdmin.js';
import { authenticateVisitor } from '../auth/authenticateVisitor.js';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { sha256Hex } from '../crypto/sha256.js';
import { withIdempotency } from '../idempotency/withIdempotency.js';
import { setRequestSite } from '../observability/requestSite.js';
import type { SiteRecord } from '../sites/siteQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { ApiError, validationFailed } from './ApiError.js';
import { checkResponseBody } from './checkResponseBody.js';
import { entityTagOf, ifNoneMatchHits } from './entityTag.js';
import type { AppEnv } from './AppEnv.js';
import type { AppRuntime } from './AppRuntime.js';
import type { AnyRouteContext, RouteDefinition, RouteResult } from './RouteDefinition.js';
import { toHonoPath } from './toHonoPath.js';
import { parseQuery, parsePathParams } from './parseQuery.js';
import { parseJsonBody, readRawJsonBody } from './readJsonBody.js';

const NO_QUERY = z.strictObject({});
/** What a `GET` answer depends on besides its URL: a shared cache must not reuse it across credentials. */
const VARY_ON_CREDENTIALS = `Authorization, ${RAPPORT_HEADERS.publishableKey}, ${ANONYMOUS_TOKEN_HEADER}`;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

interface Authenticated {
  site?: SiteRecord;
  visitor?: VisitorIdentity | null;
  secretKeyId?: string;
  /** Rate-limit bucket and idempotency scope of the caller. */
  principal: string;
  credential: string;
}

async function authenticate(c: Context<AppEnv>, route: RouteDefinition, runtime: AppRuntime, now: Date): Promise<Authenticated> {
  if (route.auth.kind === 'visitor') {
    const auth = await authenticateVisitor(c, runtime.visitorReads, now, route.auth.token);
    const principal = auth.visitor
      ? `visitor:${auth.visitor.kind}:${auth.visitor.subject}`
      : `address:${runtime.getClientAddress(c.req.raw, c.env) ?? 'unknown'}`;
    return { site: auth.site, visitor: auth.visitor, principal, credential: `pk:${auth.publishableKey}` };
  }
  if (route.auth.kind === 'admin') {
    const auth = await authenticateAdmin(c, runtime.store);
    return { site: auth.site, secretKeyId: auth.secretKeyId, principal: 'admin', credential: `sk:${auth.secretKeyId}` };
  }
  return { principal: 'public', credential: 'none' };
}

async function enforceRateLimit(route: RouteDefinition, runtime: AppRuntime, who: Authenticated, now: Date): Promise<void> {
  if (!runtime.rateLimits || route.auth.kind === 'public') return;
  const rule = route.auth.kind === 'admin' ? runtime.rateLimits.admin : runtime.rateLimits.visitor;
  const decision = await runtime.rateLimiter.consume(`${who.credential}|${who.principal}`, rule, now.getTime());
  if (!decision.allowed) {
    throw new ApiError(429, 'rate_limited', `Too many requests; retry in ${decision.retryAfterSeconds} s`, {
      headers: { 'Retry-After': String(decision.retryAfterSeconds) },
    });
  }
}

/** Checks a handler's result against the declared response; strips fields the contract does not have. */
function checkResult(route: RouteDefinition, runtime: AppRuntime, result: RouteResult): RouteResult {
  const spec = route.responses[result.status];
  if (!spec) throw new Error(`${route.operationId} answered ${result.status}, which it does not declare`);
  if (!spec.schema || result.serialized) return result;
  return { ...result, body: checkResponseBody(runtime.logger, route.operationId, spec.schema, result.body) };
}

/**
 * Sends a result. A `GET` answered `200` carries a strong `ETag` of its body and `Cache-Control: private, no-cache`
 * (kept, but asked again each time), and a request whose `If-None-Match` names that tag gets `304` without a body;
 * every other answer is `no-store`.
 */
async function send(c: Context<AppEnv>, result: RouteResult): Promise<Response> {
  for (const [name, value] of Object.entries(result.headers ?? {})) c.header(name, value);
  if (result.status === 204) {
    c.header('Cache-Control', 'no-store');
    return c.body(null, 204);
  }
  if (c.req.method !== 'GET' || result.status !== 200) {
    c.header('Cache-Control', 'no-store');
    return c.json(result.body as object, result.status as ContentfulStatusCode);
  }
  const json = result.serialized?.json ?? JSON.stringify(result.body);
  const etag = result.serialized?.etag ?? (await entityTagOf(json));
  c.header('ETag', etag);
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', VARY_ON_CREDENTIALS, { append: true });
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  c.header('Content-Type', 'application/json');
  return c.body(json, 200);
}

/**
 * Mounts one route: authenticate → rate-limit → validate path, query and body → run the handler (inside
 * {@link withIdempotency} when the route is idempotent and an `Idempotency-Key` is sent) → validate the
 * response against its schema → send.
 */
export function mountRoute(app: Hono<AppEnv>, route: RouteDefinition, runtime: AppRuntime): void {
  app.on(route.method, toHonoPath(route.path), async (c) => {
    const now = runtime.clock();
    const who = await authenticate(c, route, runtime, now);
    if (who.site) setRequestSite(c, who.site.id);
    await enforceRateLimit(route, runtime, who, now);

    const params = route.params ? parsePathParams(c.req.param() as Record<string, string>, route.params) : undefined;
    const query = parseQuery(c.req.url, route.query ?? NO_QUERY);
    const raw = route.body ? await readRawJsonBody(c) : undefined;
    const body = route.body && raw !== undefined ? parseJsonBody(raw, route.body) : undefined;

    const base = {
      c,
      runtime,
      requestId: c.get('requestId'),
      now,
      clock: runtime.clock,
      params,
      query: route.query ? query : undefined,
      body,
      site: who.site,
      visitor: who.visitor,
      secretKeyId: who.secretKeyId,
    };
    const isolation = route.isolation ? { isolation: route.isolation } : {};
    const key = route.idempotent ? c.req.header(RAPPORT_HEADERS.idempotencyKey) : undefined;
    if (key === undefined || !who.site) {
      const ctx: AnyRouteContext = {
        ...base,
        db: runtime.store,
        transaction: (fn) => runtime.store.transaction(fn, isolation),
      };
      return send(c, checkResult(route, runtime, await route.handle(ctx)));
    }

    if (!IDEMPOTENCY_KEY.test(key)) {
      throw validationFailed([
        { path: ['header', RAPPORT_HEADERS.idempotencyKey], message: '1 to 255 printable ASCII characters', code: 'invalid_format' },
      ]);
    }
    const requestHash = await sha256Hex(`${route.method} ${new URL(c.req.url).pathname}\n${canonicalJson(body ?? null)}`);
    const outcome = await withIdempotency(
      runtime.store,
      { siteId: who.site.id, scope: who.principal, key, requestHash, clock: runtime.clock, ...isolation },
      async (tx: SqlExecutor) => {
        const ctx: AnyRouteContext = { ...base, db: tx, transaction: (fn) => fn(tx) };
        const result = checkResult(route, runtime, await route.handle(ctx));
        return { status: result.status, body: result.body };
      },
    );
    if (outcome.replayed) c.header('Idempotent-Replayed', 'true');
    return send(c, { status: outcome.status, body: outcome.body });
  });
}
