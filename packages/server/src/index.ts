export { createApp } from './createApp.js';
export type { CreateAppOptions, RateLimitOptions } from './createApp.js';
export type { AppEnv } from './http/AppEnv.js';
export type { RateLimitRule } from './http/createRateLimiter.js';
export type { RapportLogger } from './logger.js';
export { createConsoleLogger, createSilentLogger } from './logger.js';
export { createPGliteStore } from './store/createPGliteStore.js';
export type { PGliteStoreOptions } from './store/createPGliteStore.js';
export { DataDirInUseError } from './store/dataDirLock.js';
export { createPostgresStore } from './store/createPostgresStore.js';
export type { PostgresStoreOptions } from './store/createPostgresStore.js';
export { migrate } from './store/migrate.js';
export type { MigrateResult } from './store/migrate.js';
export { isUniqueViolation, sqlState } from './store/Store.js';
export type { RapportStore, SqlExecutor, TransactionOptions, IsolationLevel } from './store/Store.js';
export { createSecretKey } from './sites/createSecretKey.js';
export type { CreatedSecretKey } from './sites/createSecretKey.js';
// Signing visitor tokens is the business's server's job: it lives in @rapport/node, re-exported for existing imports.
export { signVisitorToken } from '@rapport/node';
export type { SignVisitorTokenOptions } from '@rapport/node';
export { verifyVisitorToken } from './tokens/verifyVisitorToken.js';
export type {
  VerifyVisitorTokenOptions,
  VerifyVisitorTokenResult,
  VisitorTokenFailure,
} from './tokens/verifyVisitorToken.js';
export { startServer } from './startServer.js';
export { startMaintenance } from './maintenance/startMaintenance.js';
export type { Maintenance, MaintenanceOptions, MaintenanceRun } from './maintenance/startMaintenance.js';
export { grantScheduledRewards } from './loyalty/grantScheduledRewards.js';
export type { GrantScheduledRewardsOptions } from './loyalty/grantScheduledRewards.js';
export { pruneIdempotencyKeys } from './idempotency/pruneIdempotencyKeys.js';
export type { PruneIdempotencyKeysOptions } from './idempotency/pruneIdempotencyKeys.js';
export { IDEMPOTENCY_RETENTION_SECONDS } from './idempotency/withIdempotency.js';
export type { StartServerOptions, StartServerWebhookOptions, RunningServer } from './startServer.js';
export { startWebhookWorker } from './webhooks/startWebhookWorker.js';
export type { WebhookWorker, WebhookWorkerOptions } from './webhooks/startWebhookWorker.js';
export type { WebhookSender, WebhookRequest, WebhookResponse, WebhookSenderOptions } from './webhooks/createWebhookSender.js';
export type { WebhookUrlPolicy, WebhookHostResolver } from './webhooks/checkWebhookUrl.js';
export { DEFAULT_RETRY_SCHEDULE_MS } from './webhooks/retrySchedule.js';
export { buildOpenApiDocument } from './openapi/buildOpenApiDocument.js';
export type { BuildOpenApiDocumentOptions } from './openapi/buildOpenApiDocument.js';
export { createJsonLogger } from './observability/createJsonLogger.js';
export type { JsonLoggerOptions } from './observability/createJsonLogger.js';
export { createMetrics } from './observability/createMetrics.js';
export type { MetricsOptions, RapportMetrics } from './observability/createMetrics.js';
export { checkReadiness } from './observability/checkReadiness.js';
export type { CheckReadinessOptions, Readiness } from './observability/checkReadiness.js';
export { parsePrometheusText } from './observability/parsePrometheusText.js';
export type { PrometheusSample } from './observability/parsePrometheusText.js';
export type { StorePoolStats } from './store/Store.js';
export { registerSite } from './sites/registerSite.js';
export type { RegisterSiteOptions } from './sites/registerSite.js';
export { rotateIdentitySecret } from './sites/rotateIdentitySecret.js';
export type { RotateIdentitySecretOptions, RotatedIdentitySecret } from './sites/rotateIdentitySecret.js';
