#!/usr/bin/env node
// The two README commands. `npm run demo`: install, then start the API (PGlite) + demo shop.
// `npm test`: install, make sure Chromium and PostgreSQL are there, then run every check; non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const PNPM_VERSION = '12.21.0';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

function quiet(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return result.status === 0 ? result.stdout.trim() : null;
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** pnpm at the pinned major, or through npx when it is not installed. */
function pnpm() {
  const version = quiet('pnpm', ['--version']);
  if (version?.startsWith('12.')) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function install() {
  const [cmd, ...pre] = pnpm();
  console.log(`\n▶ install dependencies (${[cmd, ...pre].join(' ')} install --frozen-lockfile)`);
  if (!run(cmd, [...pre, 'install', '--frozen-lockfile'])) fail('pnpm install failed');
  return (args, options) => run(cmd, [...pre, ...args], options);
}

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (!isRoot || !quiet('which', ['apt-get'])) fail(`Chromium is missing at ${path}: install Debian's chromium or set CHROMIUM_PATH`);
  console.log('\n▶ install Debian Chromium (apt-get)');
  if (!run('apt-get', ['update']) || !run('apt-get', ['install', '-y', 'chromium'])) fail('apt-get install chromium failed');
}

function ensurePostgres() {
  if (process.env.RAPPORT_TEST_DATABASE_URL) return;
  const ready = () => quiet('pg_isready', ['-h', '127.0.0.1', '-p', '5432']) !== null;
  if (ready()) return;
  if (isRoot && quiet('which', ['apt-get'])) {
    console.log('\n▶ start PostgreSQL on 127.0.0.1:5432');
    if (!existsSync('/etc/postgresql')) run('apt-get', ['install', '-y', 'postgresql']);
    for (const version of quiet('ls', ['/etc/postgresql'])?.split('\n') ?? []) {
      run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    }
    for (let i = 0; i < 20 && !ready(); i++) spawnSync('sleep', ['0.5']);
  }
  if (!ready()) fail('PostgreSQL is not answering on 127.0.0.1:5432 (or set RAPPORT_TEST_DATABASE_URL): the Postgres suite never skips');
}

function test() {
  const pn = install();
  ensureChromium();
  ensurePostgres();
  const reports = join(root, 'test-results');
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const vitest = (name, projects) => [
    'exec', 'vitest', 'run', ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, `${name}.json`)}`,
  ];
  const steps = [
    ['typecheck', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['lint', ['exec', 'eslint', '--max-warnings', '0', '.']],
    ['unit tests (core, node, react, widgets, server on PGlite, repo)', vitest('unit', ['core', 'node', 'react', 'widgets', 'server-pglite', 'repo'])],
    ['server tests on PostgreSQL', vitest('postgres', ['server-postgres'])],
    ['chaos (server killed mid-traffic)', vitest('chaos', ['chaos'])],
    ['cluster (two server processes on one PostgreSQL)', vitest('cluster', ['cluster'])],
    ['Storybook stories in Chromium with axe', vitest('stories', ['storybook'])],
    ['build packages', ['-r', '--filter', './packages/**', 'run', 'build']],
    ['publint + arethetypeswrong', ['run', 'check:packages']],
    ['bundle sizes', ['run', 'size']],
    ['Storybook static build', ['run', 'storybook:build']],
    ['end-to-end (Playwright, Chromium)', ['run', 'e2e']],
  ];
  const started = Date.now();
  const timings = [];
  for (const [name, args] of steps) {
    console.log(`\n▶ ${name}`);
    const t0 = Date.now();
    const ok = pn(args);
    timings.push(`${ok ? '✔' : '✖'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (!ok) {
      console.log(`\n${timings.join('\n')}`);
      fail(`${name} failed`);
    }
  }
  let passed = 0;
  let failed = 0;
  for (const file of ['unit', 'postgres', 'chaos', 'cluster', 'stories', 'e2e']) {
    const path = join(reports, `${file}.json`);
    if (!existsSync(path)) continue;
    const report = JSON.parse(readFileSync(path, 'utf8'));
    passed += report.numPassedTests ?? report.stats?.expected ?? 0;
    failed += report.numFailedTests ?? report.stats?.unexpected ?? 0;
  }
  console.log(`\n${timings.join('\n')}\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (passed === 0) fail('no test ran');
  console.log(`tests: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exit(1);
}

function demo() {
  const pn = install();
  if (!pn(['--filter', '@rapport/demo', 'dev'])) process.exit(1);
}

const command = process.argv[2];
if (command === 'test') test();
else if (command === 'demo') demo();
else fail('usage: node scripts/rapport.mjs test|demo');
