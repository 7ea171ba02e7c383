import type { PublishableKey, SiteAdmin } from '@rapport/core/schemas';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManageResult } from './cli/runManageCommand.js';
import { createApp } from './createApp.js';
import { createSilentLogger } from './logger.js';
import { DEMO_LOYALTY_PROGRAM } from './seed/demoLoyaltyProgram.js';
import { DEMO_PREFERENCE_CATALOG } from './seed/demoPreferenceCatalog.js';
import { createPGliteStore } from './store/createPGliteStore.js';
import type { RapportStore } from './store/Store.js';
import { runCli, runCliJson, spawnCli, exitCode, waitForOutput } from './testing/runCliProcess.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from './testing/createTestStore.js';
import { signVisitorToken } from './tokens/signVisitorToken.js';

type Created = Extract<ManageResult, { action: 'site create' }>;

/**
 * Where one test's CLI runs keep their data: on the Postgres project a schema of its own (DATABASE_URL), on PGlite
 * a data directory of its own. `open` gives the test the same store in process, once no CLI process holds it.
 */
interface Location {
  env: Record<string, string>;
  args: string[];
  open(): Promise<{ store: RapportStore; close(): Promise<void> }>;
  dispose(): Promise<void>;
}

let root: string;
const locations: Location[] = [];

async function location(name: string): Promise<Location> {
  const t: TestStore = await createTestStore({ migrate: false });
  const dataDir = join(root, name);
  const made: Location = t.databaseUrl
    ? { env: { DATABASE_URL: t.databaseUrl }, args: [], open: async () => ({ store: t.store, close: async () => undefined }), dispose: () => t.dispose() }
    : {
        env: { DATABASE_URL: '' },
        args: ['--data-dir', dataDir],
        open: async () => {
          const store = await createPGliteStore({ dataDir });
          return { store, close: () => store.close() };
        },
        dispose: () => t.dispose(),
      };
  locations.push(made);
  return made;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
});
afterAll(async () => {
  await Promise.all(locations.map((l) => l.dispose()));
  rmSync(root, { recursive: true, force: true });
});

describe('rapport-server site, key, origin and identity-secret commands', () => {
  let at: Location;
  beforeAll(async () => {
    at = await location('manage');
  }, STORE_HOOK_TIMEOUT_MS);
  const cli = <T,>(...args: string[]) => runCliJson<T>([...args, ...at.args], at.env);

  it('creates a site, adds an origin, lists, creates and revokes keys and rotates the identity secret', async () => {
    const created = await cli<Created>('site', 'create', '--name', 'Acme Tea', '--origin', 'https://Acme.example/');
    expect(created).toMatchObject({ site: { slug: 'acme-tea', name: 'Acme Tea' }, allowedOrigins: ['https://acme.example'] });
    expect(created.secretKey).toMatch(/^sk_live_/);
    expect(created.publishableKey).toMatch(/^pk_live_/);

    const added = await runCli(['origin', 'add', '--site', 'acme-tea', 'https://shop.acme.example', ...at.args], at.env);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Allowed https://shop.acme.example on acme-tea') });
    const listed = await runCli(['site', 'list', '--json', ...at.args], at.env);
    const { sites } = JSON.parse(listed.stdout) as { sites: SiteAdmin[] };
    expect(sites).toMatchObject([{ id: created.site.id, publishableKeys: [{ allowedOrigins: ['https://acme.example', 'https://shop.acme.example'] }] }]);
    for (const secret of [created.secretKey, created.identitySecret]) expect(listed.stdout).not.toContain(secret);

    const secret = await cli<{ secretKey: { secretKey: string; id: string } }>('key', 'create', '--site', 'acme-tea', '--type', 'secret');
    const revokedSecret = await runCli(['key', 'revoke', '--site', created.site.id, created.secretKey, ...at.args], at.env);
    expect(revokedSecret).toMatchObject({ code: 0, stdout: expect.stringMatching(/Revoked secret key skey_\S+ \(sk_live_/) });
    const rotated = await cli<{ identitySecret: string; previousValidUntil: string }>('identity-secret', 'rotate', '--site', 'acme-tea', '--grace', '1h');
    expect(Date.parse(rotated.previousValidUntil) - Date.now()).toBeGreaterThan(55 * 60_000);
    const publishable = await cli<{ publishableKey: PublishableKey }>('key', 'create', '--site', 'acme-tea', '--type', 'publishable');
    expect(publishable.publishableKey.allowedOrigins).toEqual(['https://acme.example', 'https://shop.acme.example']);
    const revokedKey = await runCli(['key', 'revoke', '--site', 'acme-tea', created.publishableKey, ...at.args], at.env);
    expect(revokedKey.code).toBe(0);

    // What the commands did, seen through the API of a server on the same data.
    const opened = await at.open();
    try {
      const app = createApp({ store: opened.store, logger: createSilentLogger(), rateLimit: false });
      const later = createApp({ store: opened.store, logger: createSilentLogger(), rateLimit: false, clock: () => new Date(Date.now() + 2 * 3_600_000) });
      const adminStatus = async (key: string) => (await app.request('/v1/admin/site', { headers: { authorization: `Bearer ${key}` } })).status;
      expect(await adminStatus(created.secretKey)).toBe(401);
      expect(await adminStatus(secret.secretKey.secretKey)).toBe(200);
      const boot = (key: string, token?: string, on = app) =>
        on.request('/v1/visitor/bootstrap', {
          headers: { 'x-rapport-key': key, origin: 'https://shop.acme.example', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
      expect((await boot(created.publishableKey)).status).toBe(401);
      expect((await boot(publishable.publishableKey.key)).status).toBe(200);
      const oldToken = await signVisitorToken({ secret: created.identitySecret, externalId: 'ada', expiresInSeconds: 86_400 });
      const newToken = await signVisitorToken({ secret: rotated.identitySecret, externalId: 'ada', expiresInSeconds: 86_400 });
      expect((await boot(publishable.publishableKey.key, oldToken)).status).toBe(200);
      expect((await boot(publishable.publishableKey.key, oldToken, later)).status).toBe(401);
      expect((await boot(publishable.publishableKey.key, newToken, later)).status).toBe(200);
    } finally {
      await opened.close();
    }
  }, 300_000);

  it('refuses bad input with exit code 2 and a message: unknown commands, bad origins, duplicate sites', async () => {
    const refused = async (args: string[], message: RegExp) => {
      const run = await runCli([...args, ...at.args], at.env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    };
    await refused(['sites', 'list'], /unknown command "sites"/);
    await refused(['site', 'frobnicate'], /unknown command "site frobnicate"/);
    for (const origin of ['*', 'https://acme.example/path', 'javascript:alert(1)', 'acme.example']) {
      await refused(['site', 'create', '--name', 'Bad Origins', '--origin', origin], /is not an origin/);
    }
    await refused(['identity-secret', 'rotate', '--site', 'acme-tea', '--grace', 'a week'], /--grace must be a duration/);
    await cli<Created>('site', 'create', '--name', 'Dup Shop');
    await refused(['site', 'create', '--name', 'dup shop'], /A site with the name "Dup Shop" exists already/);
    await refused(['site', 'create', '--name', 'Another', '--slug', 'dup-shop'], /A site with the slug "dup-shop" exists already/);
    await refused(['key', 'list', '--site', 'no-such-site'], /No site "no-such-site"/);
    const keys = await cli<{ site: SiteAdmin }>('key', 'list', '--site', 'dup-shop');
    await refused(['key', 'revoke', '--site', 'dup-shop', keys.site.secretKeys[0]!.id], /last secret key/);
  }, 300_000);
});

describe('rapport-server serve', () => {
  it('prints help, and refuses bad flags with exit code 2', async () => {
    const help = await runCli(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: rapport-server') });
    expect(help.stdout).toContain('--demo');
    const bad = await runCli(['--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be[\s\S]*Usage/);
  }, 60_000);

  it('keeps the business’s edits across two restarts with --demo, and creates no demo site without it', async () => {
    const at = await location('restarts');
    const start = async (extra: string[]) => {
      const child = spawnCli(['--port', '0', ...extra, ...at.args], at.env);
      const ended = exitCode(child);
      const output = await waitForOutput(child, extra.includes('--demo') ? /Allowed origins:.*\n/ : /(No sites yet|Sites):.*\n/);
      const stop = async () => {
        child.kill('SIGTERM');
        expect(await ended).toBe(0);
      };
      return { output, url: /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '', stop };
    };
    const first = await start(['--demo', '--allowed-origin', 'https://demo.example.com']);
    const secretKey = /Secret key:\s+(sk_live_\S+)/.exec(first.output)?.[1] ?? '';
    const publishableKey = /Publishable key:\s+(pk_live_\S+)/.exec(first.output)?.[1] ?? '';
    expect(first.output).toContain(at.args.length > 0 ? '(pglite' : '(postgres)');
    const bootstrap = await fetch(`${first.url}/v1/visitor/bootstrap`, { headers: { 'x-rapport-key': publishableKey, origin: 'https://demo.example.com' } });
    expect(bootstrap.status).toBe(200);
    const admin = (url: string, path: string, init: RequestInit = {}) =>
      fetch(`${url}/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' } });
    const put = (path: string, body: unknown) => admin(first.url, path, { method: 'PUT', body: JSON.stringify(body) });
    expect((await put('/loyalty/program', { ...DEMO_LOYALTY_PROGRAM, pointsName: 'Edited Points' })).status).toBe(201);
    expect((await put('/preferences/catalog', { ...DEMO_PREFERENCE_CATALOG, statement: 'Edited statement.' })).status).toBe(201);
    await first.stop();

    for (const restart of [1, 2]) {
      const again = await start(['--demo']);
      expect(again.output, `restart ${restart}`).toContain('Demo site:');
      expect(again.output).not.toContain('just created');
      expect(await (await admin(again.url, '/loyalty/program')).json()).toMatchObject({ version: 2, pointsName: 'Edited Points' });
      expect(await (await admin(again.url, '/preferences/catalog')).json()).toMatchObject({ version: 2, statement: 'Edited statement.' });
      await again.stop();
    }

    const fresh = await location('no-demo');
    const plain = spawnCli(['--port', '0', ...fresh.args], fresh.env);
    const plainEnded = exitCode(plain);
    const output = await waitForOutput(plain, /No sites yet:.*\n/);
    expect(output).not.toContain('Demo site');
    plain.kill('SIGTERM');
    expect(await plainEnded).toBe(0);
    expect(await runCliJson(['site', 'list', ...fresh.args], fresh.env)).toEqual({ action: 'site list', sites: [] });
  }, 300_000);
});
