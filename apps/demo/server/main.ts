// `npm run demo`: the Rapport API on embedded PGlite (seeded) and the demo shop, in one process.
import { getRequestListener, serve } from '@hono/node-server';
import { createApp, createConsoleLogger, createPGliteStore, migrate, startWebhookWorker } from '@rapport/server';
import { seedDemoSite } from '@rapport/server/demo';
import { createServer } from 'node:http';
import { createServer as createViteServer } from 'vite';
import { createDemoAdmin } from './createDemoAdmin.js';
import { createDemoApi } from './createDemoApi.js';
import { DEMO_ROOT, demoDataDir, moveLegacyDataDir } from './dataDir.js';
import { loadDemoKeys } from './demoKeys.js';
import { ensureWebhookEndpoint } from './ensureWebhookEndpoint.js';

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
// The development allowance: the demo's webhook endpoint is plain http on this machine. Never in production.
const webhookPolicy = { allowPrivateNetworks: true };
const rapport = createApp({ store, webhooks: webhookPolicy });
const api = serve({ fetch: rapport.fetch, hostname: host, port: apiPort });

// In process, but at the API's public URL: links the API builds (the one-click unsubscribe URL) point there.
const demoAdmin = createDemoAdmin({ baseUrl: apiBaseUrl, secretKey: keys.secretKey, fetch: async (input, init) => rapport.request(input, init) });
const webhookSecrets: string[] = [];
const demoApi = createDemoApi({
  keys,
  apiBaseUrl,
  demoAdmin,
  rapportFetch: async (path, init) => rapport.request(new URL(path, apiBaseUrl).href, init),
  webhookSecrets: () => webhookSecrets,
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
// The shop's mailer hears every event of the site at this server, verified with the endpoint's secret. Set up
// before the shop answers (an e2e run starts once /demo-api/config does), delivered once it listens: the demo is
// one process, so the delivery worker runs here.
const selfHost = host === '0.0.0.0' ? '127.0.0.1' : host;
const endpoint = await ensureWebhookEndpoint(demoAdmin.admin, `http://${selfHost}:${webPort}/demo-api/webhooks`);
webhookSecrets.unshift(endpoint.secret);
await new Promise<void>((resolve) => web.listen(webPort, host, resolve));
const worker = startWebhookWorker({ store, logger: createConsoleLogger(), ...webhookPolicy });
console.log(`Rapport API   ${apiBaseUrl}  (PGlite data in ${dataDir}/pglite)`);
console.log(`Demo shop     http://localhost:${webPort}`);

// Once, however many signals arrive: Ctrl-C (or a test's SIGTERM to the process group) reaches pnpm, tsx and this
// process, and tsx relays it too. The worker stops (its attempts in flight recorded) and the store closes before
// the exit, so PGlite's data directory is left whole.
let closing: Promise<void> | undefined;
function shutdown(): Promise<void> {
  closing ??= (async () => {
    await worker.stop({ deadlineMs: 2_000 });
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
