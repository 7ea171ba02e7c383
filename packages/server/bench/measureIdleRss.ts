import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { executeSql } from '../../../testing/chaos/createPostgresSchema.js';
import { freePort } from '../../../testing/chaos/startChaosServer.js';
import { formatMb, formatNumber, printTable } from './printTable.js';
import { readPeakRss, readRss } from './readRss.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const cli = join(serverDir, 'dist/cli.js');
const READY = /Rapport API listening on/;
const START_TIMEOUT_MS = 60_000;
/** How long the server idles after its ready line before its memory is read. */
const SETTLE_MS = 3_000;

interface Sample {
  label: string;
  startMs: number;
  rssKib: number;
  peakKib: number;
}

/** Runs `dist/cli.js serve --demo` with `args`/`env`, waits for it to listen and idle, reads its memory, stops it. */
async function sampleDemoServer(label: string, args: string[], env: Record<string, string>): Promise<Sample> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.NODE_OPTIONS;
  delete childEnv.DATABASE_URL;
  Object.assign(childEnv, env);
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--demo', '--host', '127.0.0.1', '--port', String(port), ...args], {
    cwd: serverDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label} did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited (${code}) before it listened:\n${output}`));
      });
    });
    const startMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { label, startMs, rssKib: readRss(child.pid!), peakKib: readPeakRss(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Idle memory of the demo server as users start it (`dist/cli.js serve --demo`): on a fresh PGlite data directory
 * and on a fresh, empty PostgreSQL schema (both removed after). Prints a table; resolves failures (a server that
 * does not start). Skipped, with a note, when the package is not built.
 */
export async function measureIdleRss(databaseUrl: string): Promise<string[]> {
  if (!existsSync(cli)) {
    console.log(`\nIdle RSS of the demo server: skipped, ${cli} is missing (pnpm --filter @rapport/server build)`);
    return [];
  }
  console.log(`\nIdle memory of the demo server (dist/cli.js serve --demo, built ${statSync(cli).mtime.toISOString()}), ${SETTLE_MS / 1000} s after it listens`);
  const samples: Sample[] = [];
  const failures: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-bench-demo-'));
  try {
    samples.push(await sampleDemoServer('PGlite, fresh data dir', ['--data-dir', dataDir], {}));
  } catch (error) {
    failures.push((error as Error).message);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write('.');
  const schema = `rapport_bench_demo_${randomBytes(6).toString('hex')}`;
  try {
    await executeSql(databaseUrl, `CREATE SCHEMA ${schema}`);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    samples.push(await sampleDemoServer('PostgreSQL, fresh schema', [], { DATABASE_URL: url.toString() }));
  } catch (error) {
    failures.push((error as Error).message);
  } finally {
    await executeSql(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
  }
  process.stdout.write('\n');
  printTable(
    ['demo server', 'start to listening', 'RSS idle', 'peak RSS (VmHWM)'],
    samples.map((sample) => [sample.label, `${formatNumber(sample.startMs)} ms`, formatMb(sample.rssKib), formatMb(sample.peakKib)]),
  );
  return failures;
}
