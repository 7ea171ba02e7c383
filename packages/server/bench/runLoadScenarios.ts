import { randomBytes } from 'node:crypto';
import { signVisitorToken } from '@rapport/server';
import { createBenchSurvey } from './createBenchSurvey.js';
import { visitorHeaders, type BenchProcess, type PostgresTarget, type RapportTarget } from './benchTargets.js';
import { formatMs, formatNumber, median, printTable } from './printTable.js';
import { readRss } from './readRss.js';
import { runAutocannon, type LoadBounds, type LoadRequest, type RunFigures } from './runAutocannon.js';

const BOOTSTRAP = '/v1/visitor/bootstrap';
/** More than this share of unexpected answers makes the run a failure. */
const MAX_UNEXPECTED_SHARE = 0.01;

/** The processes the load scenarios compare. */
export interface LoadTargets {
  hello: BenchProcess;
  postgres: PostgresTarget;
  pglite: RapportTarget;
}

interface Run {
  scenario: string;
  target: BenchProcess;
  request: LoadRequest;
}

/** One GET of the visitor's bootstrap; throws unless 200. Resolves the ETag, if the server sent one. */
async function warmUp(target: RapportTarget): Promise<string | null> {
  const response = await fetch(target.url + BOOTSTRAP, { headers: target.visitor });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${target.label}: GET ${BOOTSTRAP} answered ${response.status}: ${text.slice(0, 500)}`);
  return response.headers.get('etag');
}

/** Visitors the many-visitors feedback scenario rotates through. */
export const FEEDBACK_VISITORS = 200;

/**
 * A feedback scenario's request: a fresh response id (the API's idempotency key) in every body, from one visitor or
 * from `visitors` visitors in turn (one visitor's writes queue on their contact, by design; a site's come from many).
 */
async function feedbackRequest(postgres: PostgresTarget, surveyId: string, visitors: number): Promise<LoadRequest> {
  const site = postgres.feedbackSite;
  const prefix = `bench_${randomBytes(4).toString('hex')}`;
  const tokens = await Promise.all(
    Array.from({ length: visitors }, (_, i) =>
      signVisitorToken({ secret: site.identitySecret, externalId: `${prefix}_visitor_${i}`, siteId: site.site.id, expiresInSeconds: 86_400 }),
    ),
  );
  let next = 0;
  let turn = 0;
  const request: LoadRequest = {
    method: 'POST',
    path: '/v1/visitor/feedback/responses',
    headers: { ...visitorHeaders(site.publishableKey, tokens[0]!), 'content-type': 'application/json' },
    body: () => {
      next += 1;
      return JSON.stringify({ id: `${prefix}_${next}`, surveyId, score: next % 11 });
    },
    ...(visitors > 1 ? { headersFor: () => visitorHeaders(site.publishableKey, tokens[(turn += 1) % visitors]!) } : {}),
    expectedStatus: 201,
  };
  // Each visitor's first answer (their contact is created then) before the load.
  for (const token of tokens) {
    const headers = { ...request.headers, ...visitorHeaders(site.publishableKey, token) };
    const first = await fetch(postgres.url + request.path, { method: 'POST', headers, body: request.body!() });
    if (first.status !== 201) throw new Error(`POST ${request.path} answered ${first.status}: ${(await first.text()).slice(0, 500)}`);
  }
  return request;
}

function describeStatuses(figures: RunFigures[]): string {
  const total: Record<string, number> = {};
  for (const run of figures) for (const [code, count] of Object.entries(run.statuses)) total[code] = (total[code] ?? 0) + count;
  return Object.entries(total).map(([code, count]) => `${code}: ${formatNumber(count)}`).join(', ');
}

function printScenario(title: string, rows: Array<{ label: string; figures: RunFigures[] }>, hello: number, note?: string): void {
  console.log(`\n### ${title}\n`);
  printTable(
    ['target', 'req/s (mean)', 'req/s per round', 'p50 ms', 'p99 ms', 'non-2xx', 'of hello-world'],
    rows.map(({ label, figures }) => {
      const rate = figures.reduce((sum, run) => sum + run.requestsPerSecond, 0) / figures.length;
      return [
        label,
        formatNumber(rate),
        figures.map((run) => formatNumber(run.requestsPerSecond)).join(' / '),
        formatMs(median(figures.map((run) => run.p50))),
        formatMs(median(figures.map((run) => run.p99))),
        formatNumber(figures.reduce((sum, run) => sum + run.unexpected, 0)),
        `${((rate / hello) * 100).toFixed(2)} %`,
      ];
    }),
  );
  if (note) console.log(`\n${note}`);
}

/**
 * Loads the hello-world and both Rapport servers in turn, round after round (A/B/C, A/B/C, …), and prints one table
 * per scenario. Resolves the failures found (a status other than the expected one on more than 1% of responses).
 */
export async function runLoadScenarios(targets: LoadTargets, bounds: LoadBounds, rounds: number): Promise<string[]> {
  const { hello, postgres, pglite } = targets;
  const etags = new Map<RapportTarget, string | null>();
  for (const target of [postgres, pglite]) etags.set(target, await warmUp(target));
  const surveyId = await createBenchSurvey(postgres.url, postgres.feedbackSite);
  const feedback = await feedbackRequest(postgres, surveyId, 1);
  const feedbackMany = await feedbackRequest(postgres, surveyId, FEEDBACK_VISITORS);
  const idleRss = new Map([postgres, pglite].map((target) => [target, readRss(target.pid)]));

  const bootstrap = (target: RapportTarget): LoadRequest => ({ method: 'GET', path: BOOTSTRAP, headers: target.visitor, expectedStatus: 200 });
  const plan: Run[] = [
    { scenario: 'bootstrap', target: hello, request: { method: 'GET', path: '/', headers: {}, expectedStatus: 200 } },
    { scenario: 'bootstrap', target: postgres, request: bootstrap(postgres) },
    { scenario: 'bootstrap', target: pglite, request: bootstrap(pglite) },
  ];
  for (const target of [postgres, pglite]) {
    const etag = etags.get(target);
    if (etag) plan.push({ scenario: '304', target, request: { ...bootstrap(target), headers: { ...target.visitor, 'if-none-match': etag }, expectedStatus: 304 } });
  }
  plan.push({ scenario: 'feedback', target: postgres, request: feedback });
  plan.push({ scenario: 'feedback-many', target: postgres, request: feedbackMany });

  const figures = new Map<string, RunFigures[]>();
  const key = (run: Pick<Run, 'scenario' | 'target'>) => `${run.scenario}\u0000${run.target.label}`;
  const seconds = plan.length * rounds * (bounds.seconds + 1);
  console.log(`\nLoad: ${plan.length} runs a round × ${rounds} round${rounds === 1 ? '' : 's'} × ${bounds.seconds} s (about ${Math.ceil(seconds / 60)} min); a dot a second`);
  for (let round = 1; round <= rounds; round += 1) {
    process.stdout.write(`round ${round}/${rounds} `);
    for (const run of plan) {
      const result = await runAutocannon(run.target.url, run.request, bounds);
      const list = figures.get(key(run)) ?? [];
      list.push(result);
      figures.set(key(run), list);
      process.stdout.write(' ');
    }
    process.stdout.write('\n');
  }

  const of = (scenario: string, target: BenchProcess) => ({ label: target.label, figures: figures.get(key({ scenario, target })) ?? [] });
  const helloRuns = of('bootstrap', hello).figures;
  const helloRate = helloRuns.reduce((sum, run) => sum + run.requestsPerSecond, 0) / helloRuns.length;
  const conditions = `${bounds.connections} connections, ${bounds.seconds} s a run, ${rounds} round${rounds === 1 ? '' : 's'}; p50/p99: median of the rounds`;
  printScenario(`1. GET ${BOOTSTRAP}, signed-in visitor (hello-world: GET /) — ${conditions}`, [of('bootstrap', hello), of('bootstrap', postgres), of('bootstrap', pglite)], helloRate);
  const revalidated = [postgres, pglite].filter((target) => etags.get(target));
  if (revalidated.length === 0) console.log(`\n### 2. GET ${BOOTSTRAP} with If-None-Match\n\nno ETag yet (the bootstrap answers without an ETag header)`);
  else {
    const missing = [postgres, pglite].filter((target) => !etags.get(target)).map((target) => `${target.label}: no ETag yet`);
    printScenario(`2. GET ${BOOTSTRAP} with If-None-Match: the ETag of the previous response — expected 304`, revalidated.map((target) => of('304', target)), helloRate,
      ['"non-2xx" here counts answers other than 304.', ...missing].join('\n'));
  }
  printScenario(`3. POST /v1/visitor/feedback/responses (NPS answer, a fresh id each) on PostgreSQL, one visitor — expected 201`, [of('feedback', postgres)], helloRate,
    "One visitor's writes run one after another (each holds the visitor's contact row), so this is one visitor's ceiling.");
  printScenario(`4. The same from ${FEEDBACK_VISITORS} visitors in turn (a site's submissions) — expected 201`, [of('feedback-many', postgres)], helloRate);

  console.log('\nServer memory (RSS): after the warm-up request → after the load');
  for (const target of [postgres, pglite]) {
    console.log(`  ${target.label}: ${formatNumber(idleRss.get(target)! / 1024)} MB → ${formatNumber(readRss(target.pid) / 1024)} MB`);
  }

  const failures: string[] = [];
  for (const run of plan) {
    const list = figures.get(key(run)) ?? [];
    const responses = list.reduce((sum, one) => sum + one.responses, 0);
    const unexpected = list.reduce((sum, one) => sum + one.unexpected, 0);
    if (unexpected > responses * MAX_UNEXPECTED_SHARE) {
      const sample = await fetch(run.target.url + run.request.path, {
        method: run.request.method,
        headers: { ...run.request.headers, ...run.request.headersFor?.() },
        ...(run.request.body ? { body: run.request.body() } : {}),
      }).then(async (response) => `${response.status} ${(await response.text()).slice(0, 300)}`, (error: Error) => error.message);
      failures.push(
        `${run.target.label}, ${run.request.method} ${run.request.path}: ${formatNumber(unexpected)} of ${formatNumber(responses)} answers were not ` +
          `${run.request.expectedStatus} (${describeStatuses(list)}); one more request now answers: ${sample}`,
      );
    }
  }
  return failures;
}
