import { BootstrapResponseSchema } from '@rapport/core/schemas';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { createSilentLogger, type RapportLogger } from './logger.js';
import { parsePrometheusText } from './observability/parsePrometheusText.js';
import type { RapportStore } from './store/Store.js';
import { startServer, type RunningServer } from './startServer.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from './testing/createTestStore.js';

describe('startServer', () => {
  let t: TestStore;
  let server: RunningServer;

  beforeAll(async () => {
    t = await createTestStore({ migrate: false });
    server = await startServer({ store: t.store, port: 0, logger: createSilentLogger(), seed: { allowedOrigins: ['http://localhost:5173'] } });
  }, STORE_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('migrates, seeds and answers bootstrap over real HTTP on a free port', async () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.seed?.created).toBe(true);
    const response = await fetch(`${server.url}/v1/visitor/bootstrap`, {
      headers: { 'x-rapport-key': server.seed?.publishableKey ?? '', origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const body = BootstrapResponseSchema.parse(await response.json());
    expect(body.site.name).toBe('Northwind Coffee Roasters');
    expect(body.visitor.anonymousToken).toBeTypeOf('string');
  });

  it('answers a real CORS preflight and rejects an oversized streamed body', async () => {
    const preflight = await fetch(`${server.url}/v1/visitor/profile`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH' },
    });
    expect(preflight.status).toBe(204);
    const big = await fetch(`${server.url}/v1/visitor/profile`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-rapport-key': server.seed?.publishableKey ?? '' },
      body: JSON.stringify({ pad: 'x'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
  });

  it('closes idempotently', async () => {
    const second = await startServer({ store: t.store, port: 0, seed: false, logger: createSilentLogger() });
    await Promise.all([second.close(), second.close()]);
    await expect(fetch(`${second.url}/v1/openapi.json`)).rejects.toThrow();
  });
});

describe('startServer with its own PGlite data directory', () => {
  it('creates the directory, keeps data across restarts, and closes its store', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rapport-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const first = await startServer({ dataDir, port: 0, logger: createSilentLogger(), seed: true });
      const created = first.seed;
      await first.close();
      const second = await startServer({ dataDir, port: 0, logger: createSilentLogger(), seed: true });
      expect(second.store.kind).toBe('pglite');
      expect(second.seed).toMatchObject({ created: false, secretKey: null, publishableKey: created?.publishableKey });
      await second.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Resolves when a TCP connection to the port opens (then closes it); rejects with the error otherwise. */
function tryConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** The test store, with `/readyz`'s query held at a gate while `hold` is set. */
function gatedStore(store: RapportStore) {
  let entered!: () => void;
  let release!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { hold: false, inside, release };
  const gated: RapportStore = {
    kind: store.kind,
    query: async (sql, params) => {
      if (state.hold && sql.includes('rapport_migrations')) {
        state.hold = false;
        entered();
        await gate;
      }
      return store.query(sql, params);
    },
    transaction: (fn, opts) => store.transaction(fn, opts),
    close: async () => undefined,
  };
  return { gated, state };
}

describe('startServer: graceful shutdown', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore();
  }, STORE_HOOK_TIMEOUT_MS);
  afterAll(() => t?.dispose());

  it('lets a request in flight finish with 200 while refusing new connections, then resolves close()', async () => {
    const { gated, state } = gatedStore(t.store);
    const server = await startServer({ store: gated, port: 0, logger: createSilentLogger(), maintenanceIntervalMs: false });
    await tryConnect(server.port);
    state.hold = true;
    const inFlight = fetch(`${server.url}/readyz`);
    await state.inside;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await expect(tryConnect(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    state.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready' });
    await closing;
    expect(closed).toBe(true);
  });

  it('does not wait for idle keep-alive connections', async () => {
    const server = await startServer({ store: t.store, port: 0, logger: createSilentLogger(), maintenanceIntervalMs: false });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('closes the connections still busy at the deadline, and says so', async () => {
    const { gated, state } = gatedStore(t.store);
    const errors: string[] = [];
    const logger: RapportLogger = { info: () => undefined, error: (message) => errors.push(message) };
    const server = await startServer({ store: gated, port: 0, logger, maintenanceIntervalMs: false, shutdownTimeoutMs: 200 });
    state.hold = true;
    const inFlight = fetch(`${server.url}/readyz`).then(
      (response) => response.status,
      (error: Error) => error.name,
    );
    await state.inside;
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await inFlight).toBe('TypeError');
    expect(errors).toEqual([expect.stringMatching(/Shutdown deadline passed/)]);
    state.release();
  });
});

describe('startServer: access log and metrics', () => {
  it('logs each request as JSON by default and serves /metrics with maintenance runs and process metrics', async () => {
    const t = await createTestStore();
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger: RapportLogger = { info: (message, fields) => logged.push({ message, fields }), error: () => undefined };
    process.env.RAPPORT_METRICS_TOKEN = 'scrape-token-1';
    try {
      const server = await startServer({ store: t.store, port: 0, logger, maintenanceIntervalMs: 3_600_000 });
      try {
        await server.maintenance?.runNow();
        expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
        const response = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-token-1' } });
        expect(response.status).toBe(200);
        const samples = parsePrometheusText(await response.text());
        const runs = samples.find((s) => s.name === 'rapport_maintenance_runs_total' && s.labels.outcome === 'success');
        expect(runs?.value).toBeGreaterThanOrEqual(1);
        expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
        const requests = logged.filter((entry) => entry.message === 'request').map((entry) => entry.fields);
        expect(requests).toEqual([
          expect.objectContaining({ method: 'GET', route: '/metrics', status: 401 }),
          expect.objectContaining({ method: 'GET', route: '/metrics', status: 200 }),
        ]);
        expect(JSON.stringify(logged)).not.toContain('scrape-token-1');
      } finally {
        await server.close();
      }
    } finally {
      delete process.env.RAPPORT_METRICS_TOKEN;
      await t.dispose();
    }
  }, 60_000);
});
