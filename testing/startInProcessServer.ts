// Shared by the react and widgets test suites: the real Rapport server in this process, on in-memory PGlite.
import { createApp, createPGliteStore, migrate, type RapportStore } from '@rapport/server';
import { seedDemoSite } from '@rapport/server/demo';
import { admin, type AdminInit } from './admin.js';
import type { InProcessServer } from './createTestServer.js';

/** The started server, with its store and an admin caller for setting up data. */
export interface StartedServer extends InProcessServer {
  store: RapportStore;
  /** {@link admin} on this server: the admin API with the site's secret key. Throws on non-2xx. */
  admin<T>(path: string, init?: AdminInit): Promise<T>;
}

/** A migrated, seeded (demo site) in-memory store and the app over it. Close it in `afterAll`. Test-only. */
export async function startInProcessServer(): Promise<StartedServer> {
  const store = await createPGliteStore();
  await migrate(store);
  const seeded = await seedDemoSite(store);
  const app = createApp({ store });
  const server: StartedServer = {
    app,
    store,
    seeded,
    close: () => store.close(),
    admin: (path, init) => admin(server, path, init),
  };
  return server;
}
