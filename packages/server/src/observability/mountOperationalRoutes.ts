import type { Context, Hono } from 'hono';
import { constantTimeEqual } from '../crypto/constantTimeEqual.js';
import type { AppEnv } from '../http/AppEnv.js';
import { errorResponse } from '../http/errorResponse.js';
import type { RapportLogger } from '../logger.js';
import type { RapportStore } from '../store/Store.js';
import { checkReadiness } from './checkReadiness.js';
import type { RapportMetrics } from './createMetrics.js';

/** Paths of the operational endpoints (outside `/v1`: they are about this process, not the API). */
export const OPERATIONAL_PATHS = { health: '/healthz', ready: '/readyz', metrics: '/metrics' } as const;

/** What {@link mountOperationalRoutes} needs. */
export interface OperationalRoutesOptions {
  /** The database `/readyz` checks. Required. */
  store: RapportStore;
  /** Where a failed readiness check's cause is reported (the response only names the reason). Required. */
  logger: RapportLogger;
  /** Served at `/metrics`, or `null` to answer 404 there. Required. */
  metrics: RapportMetrics | null;
  /** When set, `/metrics` requires `Authorization: Bearer <metricsToken>`. Required (`undefined`: open). */
  metricsToken: string | undefined;
}

const encoder = new TextEncoder();

function bearerMatches(c: Context<AppEnv>, token: string): boolean {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer (\S+)$/i.exec(header);
  return match?.[1] !== undefined && constantTimeEqual(encoder.encode(match[1]), encoder.encode(token));
}

/** GET and HEAD only; anything else gets the usual 405 envelope. */
async function readOnly(c: Context<AppEnv>, answer: () => Promise<Response> | Response): Promise<Response> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return await answer();
  return errorResponse(c, 405, 'method_not_allowed', `${c.req.method} is not allowed here`, { headers: { Allow: 'GET, HEAD' } });
}

/**
 * Mounts `GET /healthz` (the process answers: 200 `{ status: 'ok' }`, no database), `GET /readyz` (200 when the
 * database answers and its migrations are current, else 503 with a `reason`) and `GET /metrics` (Prometheus text).
 * None takes API credentials, CORS or rate limits: load balancers and scrapers call them, not browsers. They are
 * mounted as middleware so the OpenAPI document, which describes the API, stays about the API.
 */
export function mountOperationalRoutes(app: Hono<AppEnv>, options: OperationalRoutesOptions): void {
  app.use(OPERATIONAL_PATHS.health, (c) =>
    readOnly(c, () => {
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok' });
    }),
  );

  app.use(OPERATIONAL_PATHS.ready, (c) =>
    readOnly(c, async () => {
      c.header('Cache-Control', 'no-store');
      const readiness = await checkReadiness(options.store);
      if (readiness.ready) return c.json({ status: 'ready', migrations: readiness.migrations });
      if (readiness.reason === 'database_unreachable') {
        options.logger.error('Readiness check failed: the database does not answer', { error: readiness.error });
        return c.json({ status: 'unavailable', reason: readiness.reason, message: readiness.message }, 503);
      }
      return c.json({ status: 'unavailable', reason: readiness.reason, message: readiness.message, pending: readiness.pending }, 503);
    }),
  );

  app.use(OPERATIONAL_PATHS.metrics, (c) =>
    readOnly(c, async () => {
      const metrics = options.metrics;
      if (!metrics) return errorResponse(c, 404, 'not_found', 'Metrics are turned off on this server');
      if (options.metricsToken !== undefined && !bearerMatches(c, options.metricsToken)) {
        return errorResponse(c, 401, 'unauthorized', 'Send the metrics token as Authorization: Bearer <token>', {
          headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
        });
      }
      c.header('Cache-Control', 'no-store');
      c.header('Content-Type', metrics.contentType);
      return c.body(await metrics.render());
    }),
  );
}
