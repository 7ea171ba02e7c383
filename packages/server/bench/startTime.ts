// Start-up time of the built `rapport-server` (dist/cli.js, what `npx rapport-server` runs): from spawning the
// process to its first 200, against a bare Hono hello-world, PGlite (fresh and existing data directory) and
// PostgreSQL (fresh and existing schema). Then where the time goes, phase by phase, in a fresh process each.
// Prints figures (medians of several rounds); asserts nothing. Build first: `pnpm --filter @rapport/server build`.
//   pnpm bench:start                                   (PGlite and Hono; PostgreSQL when it answers)
//   RAPPORT_BENCH_ROUNDS=7 pnpm bench:start            (more rounds; default 5)
//   RAPPORT_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench:start   (another PostgreSQL)
//   pnpm bench:start --save before.json / --baseline before.json   (keep figures, or print them beside these)
//   pnpm bench:start --no-phases / --phases-only       (one of the two tables)
//   RAPPORT_BENCH_PATH=/healthz pnpm bench:start       (the path whose first 200 ends a start; default /v1/openapi.json)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { PHASES_SCRIPT } from './startPhases.js';
import { freePort } from '../../../testing/chaos/startChaosServer.js';

const ROUNDS = Number(process.env.RAPPORT_BENCH_ROUNDS ?? 5);
const DATABASE_URL = process.env.RAPPORT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const cli = join(serverDir, 'dist/cli.js');
const distIndex = pathToFileURL(join(serverDir, 'dist/index.js')).href;
const distDemo = pathToFileURL(join(serverDir, 'dist/demo.js')).href;
const START_TIMEOUT_MS = 60_000;
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};

const HELLO = `import { serve } from '@hono/node-server'; import { Hono } from 'hono';
const app = new Hono(); app.get('*', (c) => c.text('hello'));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });`;

interface Launch {
  args: string[];
  env?: Record<string, string>;
}


const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// The first 200 of this path ends a start: every version of the server has it (/healthz came later).
const PROBE = process.env.RAPPORT_BENCH_PATH ?? '/v1/openapi.json';

async function firstOk(base: string): Promise<boolean> {
  try {
    const response = await fetch(base + PROBE);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Spawns the server, polls it until a 200, stops it with SIGTERM; resolves the milliseconds to the 200. */
async function timeStart(launch: Launch): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, launch.args, {
    cwd: serverDir,
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), ...launch.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before a 200:\n${stderr}`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`no 200 within ${START_TIMEOUT_MS} ms:\n${stderr}`);
      if (await firstOk(`http://127.0.0.1:${port}`)) return Math.round(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withSchema<T>(fn: (url: string, drop: () => Promise<void>) => Promise<T>): Promise<T> {
  const schema = `bench_start_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const create = () => admin.query(`CREATE SCHEMA ${schema}`);
  const drop = async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await create();
  };
  try {
    await create();
    return await fn(url.toString(), drop);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

type Figures = Record<string, number[]>;

async function measureStarts(work: string, withPostgres: boolean): Promise<Figures> {
  const figures: Figures = {};
  const record = (label: string, ms: number) => (figures[label] ??= []).push(ms);
  // Templates of fresh data directories are kept in the work directory, warm after the first start.
  const cache = { XDG_CACHE_HOME: join(work, 'cache') };
  const serve = (dataDir: string, extra: string[] = [], env = cache): Launch => ({ args: [cli, 'serve', '--data-dir', dataDir, ...extra], env });
  const existing = join(work, 'existing');
  await timeStart(serve(existing));
  for (let round = 0; round < ROUNDS; round++) {
    record('Hono hello-world', await timeStart({ args: ['--input-type=module', '-e', HELLO] }));
    record('PGlite, fresh data dir', await timeStart(serve(join(work, `fresh-${round}`))));
    const cold = { XDG_CACHE_HOME: join(work, `cold-cache-${round}`) };
    record('PGlite, fresh, no template yet', await timeStart(serve(join(work, `cold-${round}`), [], cold)));
    record('PGlite, existing data dir', await timeStart(serve(existing)));
    record('PGlite, existing, --demo', await timeStart(serve(existing, ['--demo'])));
    for (const name of [`fresh-${round}`, `cold-${round}`, `cold-cache-${round}`]) rmSync(join(work, name), { recursive: true, force: true });
    process.stdout.write('.');
  }
  if (withPostgres) {
    await withSchema(async (url, reset) => {
      const launch = { args: [cli, 'serve'], env: { DATABASE_URL: url } };
      for (let round = 0; round < ROUNDS; round++) {
        await reset();
        record('PostgreSQL, fresh schema', await timeStart(launch));
        record('PostgreSQL, existing schema', await timeStart(launch));
        process.stdout.write('.');
      }
    });
  }
  process.stdout.write('\n');
  return figures;
}

/** Runs the phases script in a fresh process; resolves its `phase ms` lines. */
async function timePhases(work: string, env: Record<string, string>): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PHASES_SCRIPT], {
    cwd: serverDir,
    env: { ...process.env, NODE_OPTIONS: '', RAPPORT_BENCH_DIST: distIndex, RAPPORT_BENCH_DEMO_DIST: distDemo, XDG_CACHE_HOME: join(work, 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`phases exited ${code}:\n${err}`);
  return Object.fromEntries(out.trim().split('\n').map((line) => {
    const [name, ms] = line.split('\t');
    return [name!, Number(ms)];
  }));
}

async function measurePhases(work: string, withPostgres: boolean): Promise<Record<string, Figures>> {
  const cases: Record<string, Figures> = {};
  const add = (label: string, phases: Record<string, number>) => {
    const figures = (cases[label] ??= {});
    for (const [phase, ms] of Object.entries(phases)) (figures[phase] ??= []).push(ms);
  };
  const existing = join(work, 'phases-existing');
  await timePhases(work, { RAPPORT_BENCH_DATA_DIR: existing });
  for (let round = 0; round < ROUNDS; round++) {
    const fresh = join(work, `phases-fresh-${round}`);
    add('PGlite fresh (initdb, old path)', await timePhases(work, { RAPPORT_BENCH_DATA_DIR: `${fresh}-old`, RAPPORT_BENCH_TEMPLATE: 'off' }));
    add('PGlite fresh', await timePhases(work, { RAPPORT_BENCH_DATA_DIR: fresh }));
    add('PGlite existing, shared_buffers 128MB (old)', await timePhases(work, { RAPPORT_BENCH_DATA_DIR: existing, RAPPORT_BENCH_SHARED_BUFFERS: '128MB' }));
    add('PGlite existing', await timePhases(work, { RAPPORT_BENCH_DATA_DIR: existing }));
    add('PGlite existing, --demo', await timePhases(work, { RAPPORT_BENCH_DATA_DIR: existing, RAPPORT_BENCH_DEMO: '1' }));
    rmSync(fresh, { recursive: true, force: true });
    rmSync(`${fresh}-old`, { recursive: true, force: true });
    process.stdout.write('.');
  }
  if (withPostgres) {
    await withSchema(async (url) => {
      for (let round = 0; round < ROUNDS; round++) {
        add('PostgreSQL existing', await timePhases(work, { RAPPORT_BENCH_DATABASE_URL: url }));
        process.stdout.write('.');
      }
    });
  }
  process.stdout.write('\n');
  return cases;
}

const seconds = (ms: number | undefined) => (ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`);

function printStarts(figures: Figures, baseline: Figures | undefined): void {
  console.log(`\nProcess start to first 200 of GET ${PROBE} (${ROUNDS} rounds, median; min–max)`);
  const header = baseline ? ['case', 'before', 'after', 'after min–max'] : ['case', 'median', 'min–max'];
  const rows = Object.entries(figures).map(([label, values]) => {
    const range = `${seconds(Math.min(...values))}–${seconds(Math.max(...values))}`;
    const before = baseline?.[label];
    return baseline ? [label, before ? seconds(median(before)) : '', seconds(median(values)), range] : [label, seconds(median(values)), range];
  });
  printTable(header, rows);
}

function printPhases(cases: Record<string, Figures>): void {
  console.log('\nWhere the time goes (fresh process each, median ms; "import" is loading dist/index.js)');
  const phases = [...new Set(Object.values(cases).flatMap((figures) => Object.keys(figures)))];
  const rows = Object.entries(cases).map(([label, figures]) => [label, ...phases.map((phase) => (figures[phase] ? String(Math.round(median(figures[phase])))  : ''))]);
  printTable(['case', ...phases], rows);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log([line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}

if (!existsSync(cli)) throw new Error(`${cli} is missing: run pnpm --filter @rapport/server build first`);
const work = mkdtempSync(join(tmpdir(), 'rapport-bench-start-'));
try {
  const withPostgres = await postgresAvailable();
  if (!withPostgres) console.log(`PostgreSQL at ${DATABASE_URL} does not answer: its cases are skipped.`);
  console.log(`node ${process.version}; ${ROUNDS} rounds of each case, interleaved`);
  if (!process.argv.includes('--phases-only')) {
    const figures = await measureStarts(work, withPostgres);
    const saveTo = flag('--save');
    if (saveTo) writeFileSync(saveTo, JSON.stringify(figures, null, 2));
    const baselineFile = flag('--baseline');
    printStarts(figures, baselineFile ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Figures) : undefined);
  }
  if (!process.argv.includes('--no-phases')) printPhases(await measurePhases(work, withPostgres));
} finally {
  rmSync(work, { recursive: true, force: true });
}
