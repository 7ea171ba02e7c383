// `npm run demo`: the Rapport API on embedded PGlite (seeded) and the demo shop, in one process.
import { getRequestListener, serve } from '@hono/node-server';
import { createApp, createPGliteStore, migrate } from '@rapport/server';
import { seedDemoSite } from '@rapport/server/demo';
import { createServer } from 'node:http';
import { createServer as createViteServer } from 'vite';
import { createDemoApi } from './createDemoApi.js';
import { DEMO_ROOT, demoDataDir, moveLegacyDataDir } from './dataDir.js';
import { loadDemoKeys } from './demoKeys.js';

// Outside the Vite root, which Vite serves: the folder holds keys.json (see dataDir.ts).
moveLegacyDataDir();
const dataDir = demoDataDir();
const host = process.env.DEMO_HOST ?? '127.0.0.1';
const apiPort = Number(process.env.RAPPORT_PORT ?? 8787);
const webPort = Number(process.env.DEMO_PORT ?? 5173);
const apiBaseUrl = `http://${host === '127.0.0.1' ? 'localhost' : host}:${apiPort}`;

const keys = loadDemoKeys(`${dataDir}/keys.json`);
const store = await createPGliteStore({ dataDir: `${dataDir}/pglite` });
await migrate(store);
await seedDemoSite(store, {
  ...keys,
  allowedOrigins: [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`],
});
const rapport = createApp({ store });
const api = serve({ fetch: rapport.fetch, hostname: host, port: apiPort });

const demoApi = createDemoApi({
  keys,
  apiBaseUrl,
  // In process, but at the API's public URL: links the API builds (the one-click unsubscribe URL) point there.
  rapportFetch: async (path, init) => rapport.request(new URL(path, apiBaseUrl).href, init),
});
const hmr = process.env.DEMO_HMR !== 'off';
const vite = await createViteServer({
  configFile: `${DEMO_ROOT}vite.config.ts`,
  // `DEMO_HMR=off` (the e2e run): a source edit during a run must not reload the page under a test, and no
  // WebSocket either: Vite's fixed port (24678) may belong to a `npm run demo` next to it, whose socket would
  // refuse the page and make Vite's client reload it mid-test.
  server: { middlewareMode: true, hmr, ...(hmr ? {} : { ws: false as const }) },
  appType: 'spa',
});
const demoListener = getRequestListener(demoApi.fetch);
const web = createServer((req, res) => {
  if (req.url?.startsWith('/demo-api/')) void demoListener(req, res);
  else vite.middlewares(req, res);
});
web.listen(webPort, host, () => {
  console.log(`Rapport API   ${apiBaseUrl}  (PGlite data in ${dataDir}/pglite)`);
  console.log(`Demo shop     http://localhost:${webPort}`);
});

// Once, however many signals arrive: Ctrl-C (or a test's SIGTERM to the process group) reaches pnpm, tsx and this
// process, and tsx relays it too. The store closes before the exit, so PGlite's data directory is left whole.
let closing: Promise<void> | undefined;
function shutdown(): Promise<void> {
  closing ??= (async () => {
    web.close();
    api.close();
    await vite.close();
    await store.close();
    process.exit(0);
  })();
  return closing;
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
