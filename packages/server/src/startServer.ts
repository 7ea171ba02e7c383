import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import type { CreateAppOptions } from './createApp.js';
import type { AppEnv } from './http/AppEnv.js';
import type { GracefulCloser } from './http/createGracefulCloser.js';
import type { RapportLogger } from './logger.js';
import type { Maintenance } from './maintenance/startMaintenance.js';
import type { RapportMetrics } from './observability/createMetrics.js';
import type { SeedDemoSiteOptions, SeedDemoSiteResult } from './demo.js';
import type { RapportStore } from './store/Store.js';
import type { WebhookWorker, WebhookWorkerOptions } from './webhooks/startWebhookWorker.js';

/** Webhook options of {@link startServer}: the address policy (shared with the admin routes) and the delivery loop. */
export type StartServerWebhookOptions = Omit<WebhookWorkerOptions, 'store' | 'logger'>;

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** A store to serve from (you close it). Default: Postgres when `databaseUrl` is set, else PGlite in `dataDir`. */
  store?: RapportStore;
  /** PostgreSQL connection string. Default: none (use PGlite). */
  databaseUrl?: string;
  /** PGlite data directory. Default: `./.rapport-data`. */
  dataDir?: string;
  /** TCP port; 0 picks a free one. Default: 8787. */
  port?: number;
  /** Interface to listen on. Default: `127.0.0.1`. */
  host?: string;
  /**
   * Seed the demo site "Northwind Coffee Roasters" (the CLI's `--demo`; `seedDemoSite` of `@rapport/server/demo`,
   * loaded only then): `true` with its defaults, or the keys and origins it must accept. Seeding adds what is missing
   * and never overwrites what exists. Default: `false` (no demo site: a server for a business's own sites, created
   * with `rapport-server site create`).
   */
  seed?: SeedDemoSiteOptions | boolean;
  /**
   * Options passed to `createApp` (everything but the store). Default: `{}`, except that `metricsToken` defaults to
   * the `RAPPORT_METRICS_TOKEN` environment variable and `metrics` to a registry with process metrics too.
   */
  app?: Omit<CreateAppOptions, 'store'>;
  /** Where start-up, errors and access-log lines are reported. Default: a JSON logger to stdout (`createJsonLogger`). */
  logger?: RapportLogger;
  /** Write one JSON access-log line per request (see `createApp`'s `accessLog`). Default: `true`. */
  accessLog?: boolean;
  /**
   * How long `close()` lets requests in flight finish before it closes their connections, in milliseconds.
   * Default: 10000 (10 s: well inside the 30 s a container orchestrator waits after SIGTERM before SIGKILL).
   */
  shutdownTimeoutMs?: number;
  /**
   * How often the server runs its scheduled work (grants the loyalty birthday and anniversary rewards due,
   * prunes Idempotency-Keys past their 24 h retention), in milliseconds, first at start; `false` turns it off. On
   * PostgreSQL it runs once per interval for all the servers on the database (an advisory lock and a run log).
   * Default: 3600000 (hourly).
   */
  maintenanceIntervalMs?: number | false;
  /**
   * The webhook delivery loop (see `startWebhookWorker`: poll interval, concurrency, timeouts, retry schedule) and
   * where endpoints may point: `allowPrivateNetworks: true` is the development allowance (the CLI's
   * `--webhooks-allow-private`), also given to the app unless `app.webhooks` says otherwise. `false` runs no loop on
   * this instance (another one delivers). On PostgreSQL every instance's loop shares the work; each attempt is made
   * once. Default: `{}` (a loop polling every 500 ms, 8 sends at once, public `https://` endpoints only).
   */
  webhooks?: StartServerWebhookOptions | false;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The port listened on (the one picked when `port` was 0). */
  port: number;
  /** The interface listened on. */
  host: string;
  /** The Hono app being served. */
  app: Hono<AppEnv>;
  /** The store behind it (migrated). */
  store: RapportStore;
  /** The demo site and its keys, or `null` without `seed` (no demo). */
  seed: SeedDemoSiteResult | null;
  /** The scheduled-work loop, or `null` when `maintenanceIntervalMs` is `false`. */
  maintenance: Maintenance | null;
  /** The webhook delivery loop, or `null` when `webhooks` is `false`. */
  webhooks: WebhookWorker | null;
  /** The metrics served at `/metrics`, or `null` when `app.metrics` is `false`. */
  metrics: RapportMetrics | null;
  /**
   * Shuts down gracefully: stops accepting connections, lets requests in flight finish (up to `shutdownTimeoutMs`,
   * then closes their connections) while the webhook loop finishes its sends in flight (within the same deadline, then
   * abandons them to be retried), stops the maintenance loop, and closes the store if this server opened it.
   * Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/** Opens the store `startServer` serves from when it is given none. */
async function openStore(options: StartServerOptions): Promise<RapportStore> {
  if (options.databaseUrl) {
    const { createPostgresStore } = await import('./store/createPostgresStore.js');
    return createPostgresStore({ connectionString: options.databaseUrl });
  }
  const { createPGliteStore } = await import('./store/createPGliteStore.js');
  return createPGliteStore({ dataDir: options.dataDir ?? './.rapport-data' });
}

/** The rest of the server, loaded while the store opens; the demo only when it is to be seeded. */
const loadServerParts = (options: StartServerOptions) =>
  Promise.all([
    import('@hono/node-server'),
    import('./createApp.js'),
    import('./http/createGracefulCloser.js'),
    import('./maintenance/startMaintenance.js'),
    import('./observability/createJsonLogger.js'),
    import('./observability/createMetrics.js'),
    options.seed ? import('./demo.js') : null,
    import('./store/migrate.js'),
    options.webhooks === false ? null : import('./webhooks/startWebhookWorker.js'),
  ]);

/** Opens the store, migrates it, seeds the demo site when asked (`seed`) and serves the API over HTTP with `@hono/node-server`. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const ownsStore = !options.store;
  // The store first: PGlite compiles its WebAssembly on other threads, and this one loads the rest of the server
  // meanwhile (a third of a second of a start).
  const [store, parts] = await Promise.allSettled([options.store ?? openStore(options), loadServerParts(options)]);
  if (store.status === 'rejected') throw store.reason;
  try {
    if (parts.status === 'rejected') throw parts.reason;
    return await serveFrom(store.value, ownsStore, parts.value, options);
  } catch (error) {
    if (ownsStore) await store.value.close().catch(() => undefined);
    throw error;
  }
}

async function serveFrom(
  store: RapportStore,
  ownsStore: boolean,
  parts: Awaited<ReturnType<typeof loadServerParts>>,
  options: StartServerOptions,
): Promise<RunningServer> {
  const [{ serve }, { createApp }, { createGracefulCloser }, { startMaintenance }, { createJsonLogger }, { createMetrics }, demo, { migrate }, hooks] =
    parts;
  const logger = options.logger ?? options.app?.logger ?? createJsonLogger();
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  await migrate(store);
  const seed = demo && options.seed ? await demo.seedDemoSite(store, options.seed === true ? {} : options.seed) : null;
  const metrics = options.app?.metrics === false ? null : (options.app?.metrics ?? createMetrics({ store, processMetrics: true }));
  const metricsToken = process.env.RAPPORT_METRICS_TOKEN || undefined;
  const webhookOptions = options.webhooks === false ? null : (options.webhooks ?? {});
  const app = createApp({
    logger,
    accessLog: options.accessLog ?? true,
    ...(metricsToken ? { metricsToken } : {}),
    ...(webhookOptions ? { webhooks: { allowPrivateNetworks: webhookOptions.allowPrivateNetworks ?? false, resolveHost: webhookOptions.resolveHost } } : {}),
    ...options.app,
    metrics: metrics ?? false,
    store,
  });
  const host = options.host ?? '127.0.0.1';
  const { port, closer } = await new Promise<{ port: number; closer: GracefulCloser }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, (info: AddressInfo) =>
      resolve({ port: info.port, closer }),
    );
    // Before the first connection: it must see every request to close their connections gracefully.
    const closer = createGracefulCloser(server as Server);
    server.once('error', reject);
  });
  const intervalMs = options.maintenanceIntervalMs ?? 3_600_000;
  const maintenance =
    intervalMs === false
      ? null
      : startMaintenance({
          store,
          intervalMs,
          clock: options.app?.clock,
          logger,
          ...(metrics ? { onRunSettled: (outcome) => metrics.recordMaintenanceRun(outcome) } : {}),
        });
  const webhooks =
    hooks && webhookOptions ? hooks.startWebhookWorker({ clock: options.app?.clock, ...webhookOptions, store, logger }) : null;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    app,
    store,
    seed,
    maintenance,
    webhooks,
    metrics,
    close: () =>
      (closing ??= (async () => {
        const [{ timedOut }] = await Promise.all([closer.close(shutdownTimeoutMs), webhooks?.stop({ deadlineMs: shutdownTimeoutMs })]);
        if (timedOut) logger.error('Shutdown deadline passed: closed connections with requests still in flight', { shutdownTimeoutMs });
        await maintenance?.stop();
        if (ownsStore) await store.close();
      })()),
  };
}
