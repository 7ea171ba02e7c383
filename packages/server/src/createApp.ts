import { Hono } from 'hono';
import { visitorPreflight } from './auth/visitorCors.js';
import { createBootstrapCache } from './bootstrap/createBootstrapCache.js';
import type { AppEnv } from './http/AppEnv.js';
import type { AppRuntime } from './http/AppRuntime.js';
import { bodySizeLimit } from './http/bodySizeLimit.js';
import { createPostgresRateLimiter } from './http/createPostgresRateLimiter.js';
import { createVisitorReads } from './http/createVisitorReads.js';
import { createRateLimiter, type RateLimitRule } from './http/createRateLimiter.js';
import type { RouteDefinition } from './http/RouteDefinition.js';
import { errorResponse, handleError } from './http/errorResponse.js';
import { mountRoute } from './http/mountRoute.js';
import { methodsForPath } from './http/methodsForPath.js';
import { requestIdMiddleware } from './http/requestIdMiddleware.js';
import type { RapportLogger } from './logger.js';
import { createJsonLogger } from './observability/createJsonLogger.js';
import { createMetrics, type RapportMetrics } from './observability/createMetrics.js';
import { mountOperationalRoutes, OPERATIONAL_PATHS } from './observability/mountOperationalRoutes.js';
import { observeRequests } from './observability/observeRequests.js';
import { createRouteLabeler } from './observability/createRouteLabeler.js';
import { buildOpenApiDocument } from './openapi/buildOpenApiDocument.js';
import { positiveInteger } from './positiveInteger.js';
import { VISITOR_ROOT } from './routes/apiPaths.js';
import { RAPPORT_ROUTES } from './routes/index.js';
import type { RapportStore } from './store/Store.js';
import type { WebhookUrlPolicy } from './webhooks/checkWebhookUrl.js';

/** Rate limits per credential and principal (visitor token subject, or client address without a token). */
export interface RateLimitOptions {
  /** Limit on visitor (browser) endpoints. Default: `{ windowMs: 60_000, max: 120 }`. */
  visitor?: RateLimitRule;
  /** Limit on admin endpoints, per secret key. Default: `{ windowMs: 60_000, max: 600 }`. */
  admin?: RateLimitRule;
}

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** The database, already migrated (see `migrate`). Required. */
  store: RapportStore;
  /** The current time, for tokens, rate limits and timestamps. Default: `() => new Date()`. */
  clock?: () => Date;
  /** Largest request body in bytes; larger ones get 413 `payload_too_large`. Default: 16384 (16 KiB). */
  maxBodyBytes?: number;
  /**
   * Fixed-window rate limits; `false` turns them off. On PostgreSQL the counts live in the database
   * (`rate_limit_windows`), so every app and server instance on it shares one count per key; on PGlite they
   * are counted in memory per app. Default: 120 requests/minute per visitor, 600 requests/minute per secret key.
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Visitors whose last bootstrap this app keeps, to answer the next one without rebuilding it while nothing it
   * was built from changed (checked against the database's change counters on every request, so a write through
   * any instance is seen at once); `0` turns the cache off. An answer is a few kB (about 7 kB with every widget on
   * and data in each). Default: 2,000.
   */
  bootstrapCacheEntries?: number;
  /** Lifetime of the anonymous tokens the server issues, in seconds. Default: 31536000 (one year). */
  anonymousTokenTtlSeconds?: number;
  /** Where errors (every 500) and access-log lines are reported. Default: a JSON logger to stdout (`createJsonLogger`). */
  logger?: RapportLogger;
  /**
   * Write one access-log line per request to `logger` (request id, method, route template, status, latency, site;
   * never a path, query string, header or body). Default: `false` (`startServer` turns it on), so tests stay quiet.
   */
  accessLog?: boolean;
  /**
   * Request, database-pool and maintenance metrics, served at `GET /metrics`; `false` turns them off (404 there).
   * Default: a new registry for this app alone (`createMetrics({ store })`).
   */
  metrics?: RapportMetrics | false;
  /**
   * When set, `GET /metrics` requires `Authorization: Bearer <metricsToken>`. Default: none — metrics are served to
   * anyone who can reach the server: they hold counts and route templates, no secret or personal data, and the
   * server listens on 127.0.0.1 unless told otherwise. Set it when the port is reachable from outside.
   */
  metricsToken?: string;
  /**
   * The client's address, the rate-limit principal of requests without a visitor token.
   * Default: the socket's remote address under `@hono/node-server`, otherwise none (one shared bucket per key).
   */
  getClientAddress?: (request: Request, env: unknown) => string | undefined;
  /**
   * Where webhook endpoints may point, checked when one is created or changed (the delivery worker, started by
   * `startServer`, checks again at every send). Default: `https://` to public addresses only
   * (`allowPrivateNetworks: false`).
   */
  webhooks?: WebhookUrlPolicy;
}

const DEFAULT_VISITOR_LIMIT: RateLimitRule = { windowMs: 60_000, max: 120 };
const DEFAULT_ADMIN_LIMIT: RateLimitRule = { windowMs: 60_000, max: 600 };

function nodeRemoteAddress(_request: Request, env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

function resolveRuntime(options: CreateAppOptions, routes: readonly RouteDefinition[]): AppRuntime {
  if (!options.store) throw new TypeError('createApp needs a store');
  const maxBodyBytes = positiveInteger('maxBodyBytes', options.maxBodyBytes ?? 16 * 1024);
  let document: Record<string, unknown> | undefined;
  return {
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    maxBodyBytes,
    rateLimits:
      options.rateLimit === false
        ? null
        : {
            visitor: options.rateLimit?.visitor ?? DEFAULT_VISITOR_LIMIT,
            admin: options.rateLimit?.admin ?? DEFAULT_ADMIN_LIMIT,
          },
    rateLimiter: options.store.kind === 'postgres' ? createPostgresRateLimiter(options.store) : createRateLimiter(),
    anonymousTokenTtlSeconds: options.anonymousTokenTtlSeconds ?? 365 * 24 * 60 * 60,
    bootstrapCache: createBootstrapCache({ maxEntries: options.bootstrapCacheEntries ?? 2_000 }),
    visitorReads: createVisitorReads(options.store),
    logger: options.logger ?? createJsonLogger(),
    getClientAddress: options.getClientAddress ?? nodeRemoteAddress,
    webhooks: options.webhooks ?? {},
    openApiDocument: () => (document ??= buildOpenApiDocument({ routes })),
  };
}

/**
 * The Rapport API as a Hono app: a web-standard fetch handler you can mount in Node, Next.js route
 * handlers, Bun or workers. Its metrics and caches live in this instance; on PostgreSQL the rate-limit counts live in
 * the database, so every app (and server process) on one database shares them.
 */
export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  const runtime = resolveRuntime(options, RAPPORT_ROUTES);
  const app = new Hono<AppEnv>();
  const metrics = options.metrics === false ? null : (options.metrics ?? createMetrics({ store: runtime.store }));
  const routeLabel = createRouteLabeler([...RAPPORT_ROUTES.map((route) => route.path), ...Object.values(OPERATIONAL_PATHS)]);
  app.use('*', requestIdMiddleware());
  app.use('*', observeRequests({ routeLabel, metrics, accessLog: options.accessLog ? runtime.logger : null }));
  app.use('*', bodySizeLimit(runtime.maxBodyBytes));
  app.use(`${VISITOR_ROOT}/*`, visitorPreflight());
  mountOperationalRoutes(app, { store: runtime.store, logger: runtime.logger, metrics, metricsToken: options.metricsToken });
  for (const route of RAPPORT_ROUTES) mountRoute(app, route, runtime);
  app.notFound((c) => {
    const allowed = methodsForPath(RAPPORT_ROUTES, c.req.path);
    if (allowed.length === 0) return errorResponse(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}`);
    return errorResponse(c, 405, 'method_not_allowed', `${c.req.method} is not allowed here`, {
      headers: { Allow: allowed.join(', ') },
    });
  });
  app.onError((error, c) => handleError(error, c, runtime.logger));
  return app;
}
