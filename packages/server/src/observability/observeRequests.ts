import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/AppEnv.js';
import type { RapportLogger } from '../logger.js';
import type { RapportMetrics } from './createMetrics.js';
import { requestSite } from './requestSite.js';

/** Options of {@link observeRequests}. */
export interface ObserveRequestsOptions {
  /** Names a request's route by its template (see `createRouteLabeler`). Required. */
  routeLabel: (c: Context<AppEnv>) => string;
  /** Where each request's access-log line goes, or `null` for none. Required. */
  accessLog: RapportLogger | null;
  /** Where counts and latencies go, or `null` for none. Required. */
  metrics: RapportMetrics | null;
}

/**
 * Times every request and, once it is answered, writes one access-log line
 * (`{ msg: 'request', requestId, method, route, status, latencyMs, siteId? }`) and records it in the metrics.
 * It logs nothing else: no path, query string, header or body, so no token, key or personal data.
 */
export function observeRequests(options: ObserveRequestsOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const durationMs = performance.now() - started;
      const route = options.routeLabel(c);
      const status = c.res.status;
      options.metrics?.recordRequest({ method: c.req.method, route, status, durationMs });
      const siteId = requestSite(c);
      options.accessLog?.info('request', {
        requestId: c.get('requestId'),
        method: c.req.method,
        route,
        status,
        latencyMs: Math.round(durationMs * 100) / 100,
        ...(siteId ? { siteId } : {}),
      });
    }
  };
}
