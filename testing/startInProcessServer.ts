// Shared by the react and widgets test suites: the real Rapport server in this process, on in-memory PGlite.
import { createApp, createPGliteStore, migrate, seedDemoSite, type RapportStore } from '@rapport/server';
import type { InProcessServer } from './createTestServer.js';

/** The started server, with its store and an admin caller for setting up data. */
export interface StartedServer extends InProcessServer {
  store: RapportStore;
  /** Calls the admin API with the site's secret key, as the business's own server would. Throws on non-2xx. */
  admin<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
}

/** A migrated, seeded (demo site) in-memory store and the app over it. Close it in `afterAll`. */
export async function startInProcessServer(): Promise<StartedServer> {
  const store = await createPGliteStore();
  await migrate(store);
  const seeded = await seedDemoSite(store);
  const app = createApp({ store });
  return {
    app,
    store,
    seeded,
    close: () => store.close(),
    async admin<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const response = await app.request(`http://rapport.test/v1/admin${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${seeded.secretKey}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}
