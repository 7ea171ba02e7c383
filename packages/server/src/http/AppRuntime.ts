import type { BootstrapCache } from '../bootstrap/createBootstrapCache.js';
import type { RapportLogger } from '../logger.js';
import type { RapportStore } from '../store/Store.js';
import type { WebhookUrlPolicy } from '../webhooks/checkWebhookUrl.js';
import type { VisitorReads } from './createVisitorReads.js';
import type { RateLimiter, RateLimitRule } from './createRateLimiter.js';

/** Everything a request handler may use, built once per app by `createApp`. */
export interface AppRuntime {
  store: RapportStore;
  clock: () => Date;
  maxBodyBytes: number;
  rateLimits: { visitor: RateLimitRule; admin: RateLimitRule } | null;
  /** Fixed-window counts: in the database on PostgreSQL (shared by every instance), in memory on PGlite. */
  rateLimiter: RateLimiter;
  anonymousTokenTtlSeconds: number;
  /** The publishable key's site and the bootstrap's contact read: memoized on PGlite, batched on PostgreSQL. */
  visitorReads: VisitorReads;
  /** Visitors' last bootstraps on this instance (see `createBootstrapCache`). */
  bootstrapCache: BootstrapCache;
  logger: RapportLogger;
  getClientAddress: (request: Request, env: unknown) => string | undefined;
  /** Where webhook endpoints may point (checked when one is created or changed). */
  webhooks: WebhookUrlPolicy;
  /** The OpenAPI document of this app's routes (built on first use, then cached). */
  openApiDocument: () => Record<string, unknown>;
}
