import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('./serverMain.ts', import.meta.url));
const READY = /chaos-server ready (\S+)/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const TAIL_LINES = 200;

/** Where the server keeps its data: a PostgreSQL connection string or a PGlite data directory. */
export type ChaosDatabase = { databaseUrl: string } | { dataDir: string };

/** The Rapport server as a child process on a fixed port, which a test can kill and start again. */
export interface ChaosServer {
  /** `http://127.0.0.1:<port>`, the same across restarts. */
  readonly url: string;
  /** True from the ready line until the process exits. */
  readonly running: boolean;
  /** Starts the process and waits for its ready line; resolves the milliseconds that took. */
  start(): Promise<number>;
  /** SIGKILL: no shutdown code runs. Resolves once the process has exited. */
  kill(): Promise<void>;
  /** SIGTERM: the server closes its store. Rejects if it has not exited cleanly within 20 s. */
  stop(): Promise<void>;
  /** Kills the process if it still runs (for `afterAll`, whatever happened before). */
  dispose(): Promise<void>;
  /** The last lines the server printed (stdout and stderr, every run), for failure messages. */
  output(): string;
  /** Lines the server printed to stderr (errors it reported, e.g. every 500), every run. */
  errors(): readonly string[];
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Builds a {@link ChaosServer} on a free port over `database` (not started yet). */
export async function startChaosServer(database: ChaosDatabase): Promise<ChaosServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const tail: string[] = [];
  const errors: string[] = [];
  let child: ChildProcess | undefined;
  let running = false;
  // Last resort when the test process itself exits without reaching afterAll.
  const onExit = () => child?.kill('SIGKILL');
  process.on('exit', onExit);

  const record = (stream: 'out' | 'err') => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line === '') continue;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      if (stream === 'err') errors.push(line);
    }
  };

  const env: NodeJS.ProcessEnv = { ...process.env, CHAOS_PORT: String(port) };
  delete env.NODE_OPTIONS;
  if ('databaseUrl' in database) env.CHAOS_DATABASE_URL = database.databaseUrl;
  else env.CHAOS_DATA_DIR = database.dataDir;

  const server: ChaosServer = {
    url,
    get running() {
      return running;
    },
    start() {
      if (child && child.exitCode === null && child.signalCode === null) return Promise.reject(new Error('The server is already running'));
      const started = performance.now();
      const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.stdout.on('data', record('out'));
      proc.stderr.on('data', record('err'));
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          proc.kill('SIGKILL');
          reject(new Error(`The server did not start within ${START_TIMEOUT_MS} ms:\n${server.output()}`));
        }, START_TIMEOUT_MS);
        const onLine = (chunk: Buffer) => {
          if (!READY.test(chunk.toString())) return;
          clearTimeout(timer);
          proc.stdout.off('data', onLine);
          running = true;
          resolve(Math.round(performance.now() - started));
        };
        proc.stdout.on('data', onLine);
        proc.once('exit', (code, signal) => {
          running = false;
          clearTimeout(timer);
          reject(new Error(`The server exited (${signal ?? code}) before it was ready:\n${server.output()}`));
        });
      });
    },
    async kill() {
      if (!child) return;
      running = false;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (!child) return;
      const proc = child;
      proc.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
      if ((await Promise.race([exited(proc), timeout])) === 'timeout') {
        proc.kill('SIGKILL');
        throw new Error(`The server did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM:\n${server.output()}`);
      }
      running = false;
      if (proc.exitCode !== 0) throw new Error(`The server exited with ${proc.exitCode ?? proc.signalCode} on SIGTERM:\n${server.output()}`);
    },
    async dispose() {
      process.off('exit', onExit);
      await server.kill();
    },
    output: () => tail.join('\n'),
    errors: () => errors,
  };
  return server;
}
