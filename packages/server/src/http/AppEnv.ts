import type { RapportLogger } from '../logger.js';
import type { RapportStore } from '../store/Store.js';
import type { RateLimiter, RateLimitRule } from './createRateLimiter.js';
import type { RouteDefinition } from './defineRoute.js';

/** Hono environment of the Rapport app. */
export interface AppEnv {
  Variables: {
    /** Id of this request, sent back in `x-request-id` and in error envelopes. */
    requestId: string;
  };
}

/** Everything a request handler may use, built once per app by `createApp`. */
export interface AppRuntime {
  store: RapportStore;
  clock: () => Date;
  maxBodyBytes: number;
  rateLimits: { visitor: RateLimitRule; admin: RateLimitRule } | null;
  /** Fixed-window counts: in the database on PostgreSQL (shared by every instance), in memory on PGlite. */
  rateLimiter: RateLimiter;
  anonymousTokenTtlSeconds: number;
  logger: RapportLogger;
  routes: readonly RouteDefinition[];
  getClientAddress: (request: Request, env: unknown) => string | undefined;
  /** The OpenAPI document of this app's routes (built on first use, then cached). */
  openApiDocument: () => Record<string, unknown>;
}
