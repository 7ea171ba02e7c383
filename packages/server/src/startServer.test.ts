import { BootstrapResponseSchema } from '@rapport/core/schemas';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from './logger.js';
import { CLI_USAGE, parseCliArgs } from './parseCliArgs.js';
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
      const first = await startServer({ dataDir, port: 0, logger: createSilentLogger() });
      const created = first.seed;
      await first.close();
      const second = await startServer({ dataDir, port: 0, logger: createSilentLogger() });
      expect(second.store.kind).toBe('pglite');
      expect(second.seed).toMatchObject({ created: false, secretKey: null, publishableKey: created?.publishableKey });
      await second.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('parseCliArgs', () => {
  it('has the documented defaults', () => {
    expect(parseCliArgs([], {})).toEqual({
      help: false,
      dataDir: './.rapport-data',
      port: 8787,
      host: '127.0.0.1',
      allowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      databaseUrl: undefined,
      publishableKey: undefined,
      secretKey: undefined,
      identitySecret: undefined,
    });
  });

  it('reads flags, repeated origins and the environment', () => {
    const options = parseCliArgs(
      ['--data-dir', '/tmp/x', '--port', '0', '--host', '0.0.0.0', '--allowed-origin', 'https://a.example.com', '--allowed-origin', 'https://*.example.org'],
      { DATABASE_URL: 'postgres://db/x', RAPPORT_SECRET_KEY: 'sk_live_fixed' },
    );
    expect(options).toMatchObject({
      dataDir: '/tmp/x',
      port: 0,
      host: '0.0.0.0',
      allowedOrigins: ['https://a.example.com', 'https://*.example.org'],
      databaseUrl: 'postgres://db/x',
      secretKey: 'sk_live_fixed',
    });
    expect(parseCliArgs(['--help'], {}).help).toBe(true);
    expect(CLI_USAGE).toContain('--allowed-origin');
  });

  it('refuses bad input with a readable error', () => {
    expect(() => parseCliArgs(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => parseCliArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseCliArgs(['--allowed-origin', 'localhost:5173'], {})).toThrow(/--allowed-origin/);
    expect(() => parseCliArgs(['--nope'], {})).toThrow();
    expect(() => parseCliArgs(['stray'], {})).toThrow();
  });
});
