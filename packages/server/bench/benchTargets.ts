import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RAPPORT_HEADERS } from '@rapport/core';
import { createPGliteStore, migrate, signVisitorToken, type RapportStore } from '@rapport/server';
import { createChaosSite } from '../../../testing/chaos/createChaosSite.js';
import { createPostgresSchema, type PostgresSchema } from '../../../testing/chaos/createPostgresSchema.js';
import { freePort, startChaosServer, type ChaosServer } from '../../../testing/chaos/startChaosServer.js';
import { DEMO_CONTACTS, seedDemoSite } from '../src/seed/seedDemoSite.js';
import type { CreatedSite } from '../src/sites/createSite.js';
import { assertLoopback } from './runAutocannon.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;

// The same bare app as bench/startTime.ts: Hono's router and @hono/node-server, nothing else.
const HELLO = `import { serve } from '@hono/node-server'; import { Hono } from 'hono';
const app = new Hono(); app.get('*', (c) => c.text('hello'));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });`;

/** The headers a signed-in visitor's browser sends (see testing/chaos/callApi.ts). */
export function visitorHeaders(publishableKey: string, token: string): Record<string, string> {
  return { accept: 'application/json', [RAPPORT_HEADERS.publishableKey]: publishableKey, authorization: `Bearer ${token}` };
}

/** A process answering HTTP on 127.0.0.1. */
export interface BenchProcess {
  label: string;
  url: string;
  pid: number;
}

/** A Rapport server process and the signed-in visitor whose bootstrap is loaded. */
export interface RapportTarget extends BenchProcess {
  server: ChaosServer;
  /** Headers of the demo site's known visitor (Ada: a reply to read, loyalty orders, an owner). */
  visitor: Record<string, string>;
}

/** The PostgreSQL target, with its schema and the sites kept apart from the bootstrap's (writes and bulk data go there). */
export interface PostgresTarget extends RapportTarget {
  schema: PostgresSchema;
  /** A site of its own for the feedback submissions. */
  feedbackSite: CreatedSite;
  /** A site of its own for the data-size series. */
  sizesSite: CreatedSite;
}

/** Undo steps, run last first. */
export class Cleanup {
  private readonly steps: Array<{ what: string; run: () => Promise<void> | void }> = [];

  add(what: string, run: () => Promise<void> | void): void {
    this.steps.push({ what, run });
  }

  /** Runs every step (each once), reporting the ones that fail; resolves their messages. */
  async run(): Promise<string[]> {
    const failures: string[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.what}: ${(error as Error).message}`);
      }
    }
    return failures;
  }
}

function pidOf(server: ChaosServer): number {
  const match = /chaos-server ready \S+ pid=(\d+)/.exec(server.output());
  if (!match) throw new Error(`No pid in the server's ready line:\n${server.output()}`);
  return Number(match[1]);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts the bare Hono hello-world on @hono/node-server as its own process. */
export async function startHello(cleanup: Cleanup): Promise<BenchProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--input-type=module', '-e', HELLO], { cwd: serverDir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanup.add('stop hello-world', async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const started = performance.now();
  while (!(await answers(url))) {
    if (child.exitCode !== null) throw new Error(`The hello-world exited (${child.exitCode}) before answering:\n${stderr}`);
    if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`The hello-world did not answer within ${START_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { label: 'Hono hello-world', url, pid: child.pid! };
}

/** Seeds the demo site (every widget on, with data) and signs a token for its first known visitor. */
async function seedBootstrapSite(store: RapportStore): Promise<{ publishableKey: string; token: string }> {
  const seeded = await seedDemoSite(store, { allowedOrigins: [] });
  const token = await signVisitorToken({
    secret: seeded.identitySecret,
    externalId: DEMO_CONTACTS[0]!.externalId,
    siteId: seeded.site.id,
    expiresInSeconds: 86_400,
  });
  return { publishableKey: seeded.publishableKey, token };
}

async function startRapport(
  label: string,
  database: { databaseUrl: string } | { dataDir: string },
  cleanup: Cleanup,
): Promise<{ server: ChaosServer; url: string; pid: number; label: string }> {
  const server = await startChaosServer(database);
  assertLoopback(server.url);
  cleanup.add(`stop ${label}`, async () => {
    try {
      await server.stop();
    } finally {
      await server.dispose();
    }
  });
  await server.start();
  return { server, url: server.url, pid: pidOf(server), label };
}

/** A fresh schema in PostgreSQL with the bench's sites, and Rapport serving it (dropped by `cleanup`). */
export async function startPostgresTarget(databaseUrl: string, cleanup: Cleanup): Promise<PostgresTarget> {
  const schema = await createPostgresSchema(databaseUrl);
  cleanup.add(`drop schema ${schema.schema}`, () => schema.drop());
  const visitor = await seedBootstrapSite(schema.store);
  const feedbackSite = await createChaosSite(schema.store);
  const sizesSite = await createChaosSite(schema.store);
  const started = await startRapport('Rapport on PostgreSQL', { databaseUrl: schema.databaseUrl }, cleanup);
  return { ...started, visitor: visitorHeaders(visitor.publishableKey, visitor.token), schema, feedbackSite, sizesSite };
}

/** A fresh PGlite data directory with the demo site, and Rapport serving it (removed by `cleanup`). */
export async function startPGliteTarget(cleanup: Cleanup): Promise<RapportTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-pglite-'));
  cleanup.add(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  // One process at a time owns a data directory: set it up here, close it, then hand it to the server.
  const store = await createPGliteStore({ dataDir });
  let visitor: { publishableKey: string; token: string };
  try {
    await migrate(store);
    visitor = await seedBootstrapSite(store);
  } finally {
    await store.close();
  }
  const started = await startRapport('Rapport on PGlite', { dataDir }, cleanup);
  return { ...started, visitor: visitorHeaders(visitor.publishableKey, visitor.token) };
}
