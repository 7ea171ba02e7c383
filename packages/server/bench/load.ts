// `pnpm bench`: how fast Rapport answers, side by side with a bare Hono hello-world, and how its admin reads grow
// with data. Not part of the test suite: it prints figures and asserts none (machines differ; compare within a run).
//
// What it does, in one run:
//   1. Starts three processes on 127.0.0.1: a bare Hono hello-world on @hono/node-server, Rapport on PostgreSQL (a
//      fresh schema, dropped at the end) and Rapport on PGlite (a temporary data directory, removed at the end);
//      Rapport runs from source (testing/chaos/serverMain.ts with tsx), visitor rate limit raised out of the way.
//      Each store gets the demo site (every widget on, with data) before its server starts.
//   2. Loads them with autocannon, alternating (hello, PostgreSQL, PGlite, …, then again), and prints a table per
//      scenario: req/s, p50, p99, non-2xx, and the share of hello-world's req/s measured in the same run.
//        - GET /v1/visitor/bootstrap for a signed-in visitor (publishable key + visitor token);
//        - the same with If-None-Match, once the server sends an ETag ("no ETag yet" until then);
//        - POST /v1/visitor/feedback/responses on PostgreSQL, a fresh response id (idempotency key) per request, from one
//          visitor and from 200 visitors in turn.
//   3. The data-size series on PostgreSQL (rows written straight in SQL): NPS results over 10k/100k/1M responses,
//      consent-chain verification over 2k/20k/200k events (with the server's peak RSS), the loyalty member list and
//      its name search over 100k members, the worst bootstrap wait while the biggest verification runs, and the
//      idle memory of the demo server (`dist/cli.js serve --demo`, when built) on PGlite and on PostgreSQL.
// Exits 2 on an unknown flag or a malformed variable, and 1 only on a real failure: a target that does not start,
// more than 1% unexpected statuses in a scenario (printed with their codes), or an admin read that counts other rows
// than were written (or a consent chain it calls broken). Ctrl-C stops the servers and removes the bench data.
//
// Run it (PostgreSQL must answer at 127.0.0.1:5432, database `test`, trust auth; about 6 minutes on 2 cores):
//   pnpm bench                              everything
//   pnpm bench --no-sizes                   only the load scenarios (about 2–3 minutes)
//   pnpm bench --sizes                      only the data-size series and the demo server's memory
//   pnpm --filter @rapport/server build     first, for the demo server's idle memory (skipped when not built)
// Environment (defaults in brackets):
//   RAPPORT_BENCH_SECONDS [10]              seconds of load per run
//   RAPPORT_BENCH_CONNECTIONS [50]          autocannon connections
//   RAPPORT_BENCH_ROUNDS [3]                rounds of the alternation
//   RAPPORT_BENCH_MAX_REQUESTS [1000000]    a run stops after this many responses, even with time left
//   RAPPORT_BENCH_NPS_SIZES [10000,100000,1000000]   responses the NPS results are timed over
//   RAPPORT_BENCH_CONSENT_SIZES [2000,20000,200000]  consent events the verification is timed over
//   RAPPORT_BENCH_MEMBERS [100000]          loyalty members (known contacts) for the member list
//   RAPPORT_BENCH_DATABASE_URL [postgres://postgres@127.0.0.1:5432/test]
//   CHAOS_VISITOR_RATE_LIMIT [1000000000]   the servers' visitor rate limit per minute (see serverMain.ts)
import { availableParallelism, loadavg } from 'node:os';
import { readBenchConfig, type BenchConfig } from './benchConfig.js';
import { Cleanup, startHello, startPGliteTarget, startPostgresTarget } from './benchTargets.js';
import { measureIdleRss } from './measureIdleRss.js';
import { runLoadScenarios } from './runLoadScenarios.js';
import { runSizeSeries } from './runSizeSeries.js';

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
let config: BenchConfig;
try {
  config = readBenchConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
process.env.CHAOS_VISITOR_RATE_LIMIT ??= '1000000000';

const cleanup = new Cleanup();
let interrupted = false;
const interrupt = () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\nInterrupted: stopping the servers and removing the bench data…');
  void cleanup.run().finally(() => process.exit(130));
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

const startedAt = performance.now();
console.log(`# Rapport benchmark\n`);
console.log(`node ${process.version}, ${availableParallelism()} cores (os.availableParallelism), ${process.platform}/${process.arch}`);
console.log(`load average before (1/5/15 min): ${load()}`);
console.log(
  `load scenarios: ${config.load ? `${config.connections} connections, ${config.seconds} s a run, ${config.rounds} round${config.rounds === 1 ? '' : 's'}` : 'skipped (--sizes)'}; ` +
    `size series: ${config.sizes ? `NPS ${config.npsSizes.join('/')}, consent ${config.consentSizes.join('/')}, members ${config.members}` : 'skipped (--no-sizes)'}`,
);

const failures: string[] = [];
try {
  process.stdout.write('starting PostgreSQL');
  const postgres = await startPostgresTarget(config.databaseUrl, cleanup);
  if (config.load) process.stdout.write(`, PGlite`);
  const pglite = config.load ? await startPGliteTarget(cleanup) : null;
  if (config.load) process.stdout.write(`, hello-world`);
  const hello = config.load ? await startHello(cleanup) : null;
  console.log(` — ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  if (hello && pglite) {
    failures.push(...(await runLoadScenarios({ hello, postgres, pglite }, { ...config }, config.rounds)));
  }
  if (config.sizes) {
    failures.push(...(await runSizeSeries(postgres, config)));
    failures.push(...(await measureIdleRss(config.databaseUrl)));
  }
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  if (!interrupted) {
    const problems = await cleanup.run();
    for (const problem of problems) console.warn(`cleanup: ${problem}`);
  }
}

console.log(`\nload average after (1/5/15 min): ${load()}; total ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
if (failures.length > 0) {
  console.error(`\n${failures.length} failure(s):`);
  for (const failure of failures) console.error(`- ${failure}`);
  process.exitCode = 1;
}
