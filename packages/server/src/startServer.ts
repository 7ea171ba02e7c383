import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, type CreateAppOptions } from './createApp.js';
import type { AppEnv } from './http/AppEnv.js';
import { createConsoleLogger, type RapportLogger } from './logger.js';
import { startMaintenance, type Maintenance } from './maintenance/startMaintenance.js';
import { seedDemoSite, type SeedDemoSiteOptions, type SeedDemoSiteResult } from './seed/seedDemoSite.js';
import { createPGliteStore } from './store/createPGliteStore.js';
import { createPostgresStore } from './store/createPostgresStore.js';
import { migrate } from './store/migrate.js';
import type { RapportStore } from './store/Store.js';

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
  /** Seed the demo site (`false` to skip), with these keys and origins. Default: `{}` (seed with defaults). */
  seed?: SeedDemoSiteOptions | false;
  /** Options passed to `createApp` (everything but the store). Default: `{}`. */
  app?: Omit<CreateAppOptions, 'store'>;
  /** Where start-up and errors are reported. Default: a console logger. */
  logger?: RapportLogger;
  /**
   * How often the server runs its scheduled work (grants the loyalty birthday and anniversary rewards due,
   * prunes Idempotency-Keys past their 24 h retention), in milliseconds, first at start; `false` turns it off.
   * Default: 3600000 (hourly).
   */
  maintenanceIntervalMs?: number | false;
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
  /** The demo site and its keys, or `null` when seeding was off. */
  seed: SeedDemoSiteResult | null;
  /** The scheduled-work loop, or `null` when `maintenanceIntervalMs` is `false`. */
  maintenance: Maintenance | null;
  /** Stops accepting connections, waits for open ones, and closes the store if this server opened it. */
  close(): Promise<void>;
}

/** Opens the store, migrates it, seeds the demo site and serves the API over HTTP with `@hono/node-server`. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? options.app?.logger ?? createConsoleLogger();
  const ownsStore = !options.store;
  const store =
    options.store ??
    (options.databaseUrl
      ? await createPostgresStore({ connectionString: options.databaseUrl })
      : await createPGliteStore({ dataDir: options.dataDir ?? './.rapport-data' }));
  try {
    await migrate(store);
    const seed = options.seed === false ? null : await seedDemoSite(store, options.seed ?? {});
    const app = createApp({ logger, ...options.app, store });
    const host = options.host ?? '127.0.0.1';
    const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, (info: AddressInfo) =>
        resolve({ server, port: info.port }),
      );
      server.once('error', reject);
    });
    const intervalMs = options.maintenanceIntervalMs ?? 3_600_000;
    const maintenance = intervalMs === false ? null : startMaintenance({ store, intervalMs, clock: options.app?.clock, logger });
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
      close: () =>
        (closing ??= (async () => {
          await new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          });
          await maintenance?.stop();
          if (ownsStore) await store.close();
        })()),
    };
  } catch (error) {
    if (ownsStore) await store.close().catch(() => undefined);
    throw error;
  }
}
