// The script `startTime.ts` runs in a fresh `node` process to time each step of a server start against the built
// package (RAPPORT_BENCH_DIST): import, open the store, migrate, seed the demo (RAPPORT_BENCH_DEMO=1, with the built
// `@rapport/server/demo` at RAPPORT_BENCH_DEMO_DIST), listen, answer a first request. Prints one `phase<TAB>ms` line
// per step. RAPPORT_BENCH_DATABASE_URL picks PostgreSQL, else PGlite in RAPPORT_BENCH_DATA_DIR;
// RAPPORT_BENCH_TEMPLATE=off opens a fresh PGlite directory with initdb, and RAPPORT_BENCH_SHARED_BUFFERS sets
// PostgreSQL's shared_buffers (PGlite's own default was 128MB).
export const PHASES_SCRIPT = `
const t0 = performance.now();
let last = t0;
const lap = (name) => {
  const now = performance.now();
  process.stdout.write(name + '\\t' + Math.round(now - last) + '\\n');
  last = now;
};
const env = process.env;
const server = await import(env.RAPPORT_BENCH_DIST);
const { serve } = await import('@hono/node-server');
lap('import');
const store = env.RAPPORT_BENCH_DATABASE_URL
  ? await server.createPostgresStore({ connectionString: env.RAPPORT_BENCH_DATABASE_URL })
  : await server.createPGliteStore({
      dataDir: env.RAPPORT_BENCH_DATA_DIR,
      template: env.RAPPORT_BENCH_TEMPLATE !== 'off',
      ...(env.RAPPORT_BENCH_SHARED_BUFFERS ? { sharedBuffers: env.RAPPORT_BENCH_SHARED_BUFFERS } : {}),
    });
lap('open store');
await server.migrate(store);
lap('migrate');
if (env.RAPPORT_BENCH_DEMO === '1') {
  const { seedDemoSite } = await import(env.RAPPORT_BENCH_DEMO_DIST);
  await seedDemoSite(store, {});
  lap('seed');
}
const app = server.createApp({ store, logger: server.createSilentLogger() });
const http = await new Promise((resolve) => {
  const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
});
lap('listen');
const response = await fetch('http://127.0.0.1:' + http.address().port + '/v1/openapi.json');
await response.arrayBuffer();
lap('first request');
process.stdout.write('total\\t' + Math.round(performance.now() - t0) + '\\n');
await new Promise((resolve) => http.close(resolve));
await store.close();
`;
