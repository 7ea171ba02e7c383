import { callApiExpecting } from '../../../testing/chaos/callApi.js';
import { DEMO_LOYALTY_PROGRAM } from '../src/seed/demoLoyaltyProgram.js';
import type { BenchConfig } from './benchConfig.js';
import type { PostgresTarget } from './benchTargets.js';
import { createBenchSurvey } from './createBenchSurvey.js';
import { measureStall } from './measureStall.js';
import { formatMb, formatMs, formatNumber, median, printTable } from './printTable.js';
import { peakRssDuring, readRss } from './readRss.js';
import { benchContactNumber, CHAIN_LENGTH, insertConsentChains, insertContacts, insertResponses } from './seedSizes.js';
import { adminGet, timeAdminRead } from './timeAdminRead.js';

const VERIFY = '/v1/admin/preferences/verify';
/** Verifications taking longer than this are timed once; shorter ones three times (median). */
const SINGLE_CALL_MS = 2_000;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const range = (times: number[]) => `${formatMs(Math.min(...times))}–${formatMs(Math.max(...times))}`;

/** Rows the bench wrote against what the server says it read: a mismatch makes the figure meaningless. */
function checkCount(failures: string[], what: string, expected: number, counted: number): string {
  if (counted === expected) return formatNumber(counted);
  failures.push(`${what}: the server counted ${formatNumber(counted)}, the bench wrote ${formatNumber(expected)}`);
  return `${formatNumber(counted)} ≠ ${formatNumber(expected)}`;
}

async function npsSeries(postgres: PostgresTarget, config: BenchConfig, contacts: number, failures: string[]): Promise<void> {
  const site = postgres.sizesSite;
  const surveyId = await createBenchSurvey(postgres.url, site);
  const path = `/v1/admin/surveys/${surveyId}/results`;
  const rows: string[][] = [];
  let written = 0;
  for (const size of config.npsSizes) {
    process.stdout.write(`responses up to ${formatNumber(size)} `);
    const started = performance.now();
    await insertResponses(postgres.schema.store, { siteId: site.site.id, surveyId, from: written + 1, to: size, contacts });
    written = size;
    const inserted = seconds(started);
    const { times, body } = await timeAdminRead<{ responses: number }>(postgres.url, site.secretKey, path);
    rows.push([formatNumber(size), formatMs(median(times)), range(times), checkCount(failures, `NPS results at ${size}`, size, body.responses), inserted]);
    process.stdout.write('\n');
  }
  console.log(`\n### NPS results: GET /v1/admin/surveys/{id}/results (default period), median of 5 after a warm-up\n`);
  printTable(['responses', 'median ms', 'min–max ms', 'responses counted', 'bulk insert'], rows);
}

async function consentSeries(postgres: PostgresTarget, config: BenchConfig, failures: string[]): Promise<void> {
  const site = postgres.sizesSite;
  const rows: string[][] = [];
  let written = 0;
  let nextContact = 1;
  const verify = () => adminGet<{ valid: boolean; eventsChecked: number }>(postgres.url, site.secretKey, VERIFY);
  for (const size of config.consentSizes) {
    process.stdout.write(`consent events up to ${formatNumber(size)} `);
    const started = performance.now();
    nextContact = await insertConsentChains(postgres.schema.store, site.site.id, nextContact, size - written);
    written = size;
    const inserted = seconds(started);
    const before = readRss(postgres.pid);
    const times: number[] = [];
    let peak = before;
    let report: { valid: boolean; eventsChecked: number };
    do {
      const { result, peakKib } = await peakRssDuring(postgres.pid, verify);
      times.push(result.ms);
      report = result.body;
      peak = Math.max(peak, peakKib);
    } while (times.length < 3 && times[0]! < SINGLE_CALL_MS);
    if (!report.valid) failures.push(`Consent verification at ${size} events reported a broken chain: ${JSON.stringify(report)}`);
    rows.push([
      formatNumber(size),
      formatMs(median(times)),
      String(times.length),
      formatMb(before),
      formatMb(peak),
      checkCount(failures, `Consent verification at ${size}`, size, report.eventsChecked) + (report.valid ? '' : ' (broken!)'),
      inserted,
    ]);
    process.stdout.write('\n');
  }
  console.log(`\n### Consent verification: GET ${VERIFY} (chains of ${CHAIN_LENGTH} events; median of 3 calls, 1 when a call takes over 2 s)\n`);
  printTable(['events', 'ms', 'calls', 'server RSS before', 'peak RSS during', 'events checked', 'bulk insert'], rows);
  if (config.consentSizes.length > 0) {
    const biggest = config.consentSizes[config.consentSizes.length - 1]!;
    await measureStall(postgres, `the consent verification over ${formatNumber(biggest)} events`, verify);
  }
}

async function memberSeries(postgres: PostgresTarget, config: BenchConfig, failures: string[]): Promise<void> {
  const site = postgres.sizesSite;
  await callApiExpecting([200, 201], postgres.url, { secretKey: site.secretKey }, '/v1/admin/loyalty/program', {
    method: 'PUT',
    body: DEMO_LOYALTY_PROGRAM,
  });
  // "Member 005000" is in the names of members 50,000–50,009 only (of 100k): a search that must look at every name.
  const middle = Math.max(1, Math.floor(config.members / 2));
  const prefix = benchContactNumber(middle).slice(0, -1);
  const q = `Member ${prefix}`;
  let expected = 0;
  for (let n = Number(prefix) * 10; n <= Number(prefix) * 10 + 9; n += 1) if (n >= 1 && n <= config.members) expected += 1;
  const reads = [
    { what: 'first page', path: '/v1/admin/loyalty/members?limit=100', expected: Math.min(100, config.members) },
    { what: `name search "${q}"`, path: `/v1/admin/loyalty/members?limit=100&q=${encodeURIComponent(q)}`, expected },
  ];
  const rows: string[][] = [];
  for (const read of reads) {
    const { times, body } = await timeAdminRead<{ members: unknown[] }>(postgres.url, site.secretKey, read.path);
    rows.push([read.what, formatMs(median(times)), range(times), checkCount(failures, `Member list, ${read.what}`, read.expected, body.members.length)]);
  }
  console.log(`\n### Loyalty members: GET /v1/admin/loyalty/members, page of 100, over ${formatNumber(config.members)} members (median of 5 after a warm-up)\n`);
  printTable(['read', 'median ms', 'min–max ms', 'members listed'], rows);
}

/**
 * The data-size series on the PostgreSQL server, on a site of its own: bulk data written straight in SQL, then the
 * admin reads timed as it grows. Prints a table per read; resolves the failures found (counts that do not match).
 */
export async function runSizeSeries(postgres: PostgresTarget, config: BenchConfig): Promise<string[]> {
  const failures: string[] = [];
  const biggestConsent = config.consentSizes[config.consentSizes.length - 1] ?? 0;
  const contacts = Math.max(config.members, Math.ceil(biggestConsent / CHAIN_LENGTH), 1);
  console.log(`\nData-size series on PostgreSQL (rows written straight in SQL, then ANALYZE; a dot per statement)`);
  process.stdout.write(`${formatNumber(contacts)} contacts, ${formatNumber(config.members)} of them loyalty members `);
  const started = performance.now();
  await insertContacts(postgres.schema.store, postgres.sizesSite.site.id, contacts, config.members);
  console.log(` ${seconds(started)}`);
  await npsSeries(postgres, config, contacts, failures);
  await consentSeries(postgres, config, failures);
  await memberSeries(postgres, config, failures);
  return failures;
}
