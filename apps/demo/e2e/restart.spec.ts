import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleArgs, ConsoleDomain, ConsoleMethod, ConsoleResult } from '../src/console/consoleOperations.js';

// This spec runs its own demo server (not the suite's): it stops it and starts it again on the same PGlite data
// directory, on ports of its own, so the suite's server and a `npm run demo` next to it are never touched.

const demoRoot = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True while any process of the group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm run demo`'s server (server/main.ts) as a child process group: pnpm → tsx → node. */
class DemoServer {
  private output = '';
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(dataDir: string, ports: { web: number; api: number }): Promise<DemoServer> {
    const child = spawn('pnpm', ['exec', 'tsx', '--conditions=source', 'server/main.ts'], {
      cwd: demoRoot,
      env: { ...process.env, DEMO_DATA_DIR: dataDir, DEMO_PORT: String(ports.web), RAPPORT_PORT: String(ports.api), DEMO_HMR: 'off' },
      detached: true, // its own process group, so the whole group can be stopped
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new DemoServer(child, `http://localhost:${ports.web}`);
    for (const started = Date.now(); Date.now() - started < 90_000; await sleep(250)) {
      if (child.exitCode !== null) throw new Error(`The demo server exited (${child.exitCode}):\n${server.output}`);
      const ready = await fetch(`${server.baseUrl}/demo-api/config`).then((r) => r.ok, () => false);
      if (ready) return server;
    }
    server.kill();
    throw new Error(`The demo server did not start in 90 s:\n${server.output}`);
  }

  /** Asks the server to shut down (SIGTERM: it closes the store) and waits until every process of it is gone. */
  async stop(): Promise<void> {
    const pid = this.child.pid!;
    if (groupAlive(pid)) process.kill(-pid, 'SIGTERM');
    for (const started = Date.now(); groupAlive(pid); await sleep(100)) {
      if (Date.now() - started > 20_000) {
        this.kill();
        throw new Error(`The demo server did not stop within 20 s of SIGTERM:\n${this.output}`);
      }
    }
  }

  /** Ends the process group at once (cleanup after a failure). */
  kill(): void {
    const pid = this.child.pid;
    if (pid !== undefined && groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  }

  /** Calls an allow-listed `@rapport/node` method through the demo's console back end, as the console does. */
  async console<D extends ConsoleDomain, M extends ConsoleMethod<D>>(
    domain: D,
    method: M,
    ...args: ConsoleArgs<D, M>
  ): Promise<{ status: number; body: ConsoleResult<D, M> }> {
    const response = await fetch(`${this.baseUrl}/demo-api/console/${domain}/${String(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: response.status, body: (await response.json()) as ConsoleResult<D, M> };
  }
}

const servers: DemoServer[] = [];
let dataDir: string | undefined;

// Even when the test fails half-way: no server outlives the run, and the data directory goes.
test.afterAll(() => {
  for (const server of servers) server.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('what the console writes survives a restart of the server on the same PGlite data directory', async () => {
  test.setTimeout(240_000);
  const dir = (dataDir = mkdtempSync(join(tmpdir(), 'rapport-e2e-restart-')));
  const ports = { web: await freePort(), api: await freePort() };
  const order = `restart-${Date.now().toString(36)}`;
  const reply = `Replied before the restart (${order})`;

  let server = await DemoServer.start(dir, ports);
  servers.push(server);
  const { publishableKey } = (await (await fetch(`${server.baseUrl}/demo-api/config`)).json()) as { publishableKey: string };
  const award = await server.console('loyalty', 'award', { externalId: 'user_grace', orderId: order, points: 42, reason: `Order ${order}` });
  expect(award.status).toBe(201);
  const inbox = await server.console('feedback', 'listResponses', { contactRequested: 'true', status: 'new' });
  const request = inbox.body.items[0]!;
  expect(request).toBeDefined(); // the seeded open contact request
  const patched = await server.console('feedback', 'updateResponse', request.id, { reply, status: 'resolved' });
  expect(patched.status).toBe(200);
  await server.stop();

  server = await DemoServer.start(dir, ports);
  servers.push(server);
  const config = (await (await fetch(`${server.baseUrl}/demo-api/config`)).json()) as { publishableKey: string };
  expect(config.publishableKey).toBe(publishableKey); // the same site and keys, not a fresh seed
  const member = await server.console('loyalty', 'getMember', 'user_grace');
  expect(member.body.ledger.filter((e) => e.idempotencyKey === `order:${order}`)).toEqual([
    expect.objectContaining({ type: 'earn', points: 42, reason: `Order ${order}` }),
  ]);
  const resolved = await server.console('feedback', 'listResponses', { status: 'resolved', limit: 100 });
  expect(resolved.body.items.find((r) => r.id === request.id)).toMatchObject({ reply, status: 'resolved' });

  // Seeding again on start added nothing twice: one award for the order, the seeded surveys once.
  const surveys = await server.console('feedback', 'listSurveys');
  expect(surveys.body.items.map((s) => s.id).sort()).toEqual(['svy_demo_csat', 'svy_demo_nps', 'svy_demo_thumbs']);
  await server.stop();
});
