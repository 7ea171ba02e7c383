import type { ConsentEvent } from '@rapport/core';
import { callApiExpecting } from '../../../testing/chaos/callApi.js';
import { hashConsentEvent } from '../src/preferences/consentLog.js';
import { DEMO_LOYALTY_PROGRAM } from '../src/seed/demoLoyaltyProgram.js';
import type { BenchConfig } from './benchConfig.js';
import type { PostgresTarget } from './benchTargets.js';
import { createBenchSurvey } from './createBenchSurvey.js';
import { measureStall } from './measureStall.js';
import { formatMb, formatMs, formatNumber, median, printTable } from './printTable.js';
import { peakRssDuring, readRss } from './readRss.js';
import { benchContactId, benchContactNumber, CHAIN_LENGTH, insertConsentChains, insertContacts, insertResponses } from './seedSizes.js';
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

/** Events the incremental check reads after each full pass: `APPENDED_CHAINS` existing chains grown by 10 each. */
const APPENDED_CHAINS = 10;
const APPENDED_PER_CHAIN = 10;

/**
 * Grows `APPENDED_CHAINS` existing chains (spread over contacts 1…`lastContact`) by `APPENDED_PER_CHAIN` valid events
 * each, hashed with the server's function and written in SQL as an API write would leave them; resolves the count.
 */
async function growConsentChains(store: PostgresTarget['schema']['store'], siteId: string, lastContact: number): Promise<number> {
  const step = Math.max(1, Math.floor(lastContact / APPENDED_CHAINS));
  const contacts = Array.from({ length: Math.min(APPENDED_CHAINS, lastContact) }, (_, i) => benchContactId(1 + i * step));
  const { rows } = await store.query<{ contact_id: string; sequence: number; hash: string; occurred_at: Date }>(
    `SELECT DISTINCT ON (contact_id) contact_id, sequence, hash, occurred_at FROM consent_events
     WHERE contact_id = ANY($1::text[]) ORDER BY contact_id, sequence DESC`,
    [contacts],
  );
  const events: ConsentEvent[] = [];
  for (const last of rows) {
    let previous = { sequence: last.sequence, hash: last.hash };
    for (let n = 1; n <= APPENDED_PER_CHAIN; n += 1) {
      const unhashed: Omit<ConsentEvent, 'hash'> = {
        id: `cev_grow_${last.contact_id}_${previous.sequence + 1}`,
        sequence: previous.sequence + 1,
        contactId: last.contact_id,
        topicId: 'offers',
        channel: 'email',
        action: previous.sequence % 2 === 0 ? 'granted' : 'withdrawn',
        frequency: null,
        pausedUntil: null,
        source: 'admin',
        wording: 'bench',
        wordingHash: '0'.repeat(64),
        catalogVersion: 1,
        locale: 'en',
        occurredAt: new Date(last.occurred_at.getTime() + n * 1000).toISOString(),
        confirmedAt: null,
        previousHash: previous.hash,
      };
      const event = { ...unhashed, hash: hashConsentEvent(unhashed) };
      events.push(event);
      previous = event;
    }
  }
  for (const e of events) {
    await store.query(
      `INSERT INTO consent_events (site_id, id, sequence, contact_id, topic_id, channel, action, frequency, paused_until, source, wording,
         wording_hash, catalog_version, locale, occurred_at, confirmed_at, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [siteId, e.id, e.sequence, e.contactId, e.topicId, e.channel, e.action, e.frequency, e.pausedUntil, e.source, e.wording,
        e.wordingHash, e.catalogVersion, e.locale, e.occurredAt, e.confirmedAt, e.previousHash, e.hash],
    );
  }
  return events.length;
}

interface ChainReport {
  valid: boolean;
  eventsChecked: number;
  mode?: string;
}

async function consentSeries(postgres: PostgresTarget, config: BenchConfig, failures: string[]): Promise<void> {
  const site = postgres.sizesSite;
  const rows: string[][] = [];
  let written = 0;
  let grown = 0;
  let nextContact = 1;
  const verify = (query = '') => adminGet<ChainReport>(postgres.url, site.secretKey, VERIFY + query);
  const verifyFull = () => verify('?full=true');
  for (const size of config.consentSizes) {
    process.stdout.write(`consent events up to ${formatNumber(size)} `);
    const started = performance.now();
    nextContact = await insertConsentChains(postgres.schema.store, site.site.id, nextContact, size - written);
    written = size;
    const inserted = seconds(started);
    const total = size + grown;
    const before = readRss(postgres.pid);
    const times: number[] = [];
    let peak = before;
    let report: ChainReport;
    do {
      const { result, peakKib } = await peakRssDuring(postgres.pid, verifyFull);
      times.push(result.ms);
      report = result.body;
      peak = Math.max(peak, peakKib);
    } while (times.length < 3 && times[0]! < SINGLE_CALL_MS);
    if (!report.valid) failures.push(`Consent verification at ${size} events reported a broken chain: ${JSON.stringify(report)}`);
    // The full pass left a checkpoint: grow a few chains, then time the check of what came since (median of 3 rounds).
    const incremental: number[] = [];
    const checked: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const added = await growConsentChains(postgres.schema.store, site.site.id, nextContact - 1);
      grown += added;
      const { ms, body } = await verify();
      incremental.push(ms);
      checked.push(body.eventsChecked);
      if (!body.valid || body.mode !== 'incremental') failures.push(`Incremental consent check at ${size}: ${JSON.stringify(body)}`);
      checkCount(failures, `Incremental consent check at ${size}`, added, body.eventsChecked);
    }
    const idle = await verify();
    rows.push([
      formatNumber(total),
      formatMs(median(times)),
      String(times.length),
      formatMb(before),
      formatMb(peak),
      checkCount(failures, `Consent verification at ${size}`, total, report.eventsChecked) + (report.valid ? '' : ' (broken!)'),
      `${formatMs(median(incremental))} (${range(incremental)})`,
      checked.map((n) => formatNumber(n)).join('/'),
      formatMs(idle.ms),
      inserted,
    ]);
    process.stdout.write('\n');
  }
  console.log(
    `\n### Consent verification: GET ${VERIFY}?full=true (chains of ${CHAIN_LENGTH} events; median of 3 calls, 1 when a call takes ` +
      `over 2 s), then GET ${VERIFY} from the checkpoint after ${APPENDED_CHAINS} chains grew by ${APPENDED_PER_CHAIN} (3 rounds), ` +
      `and once with nothing new\n`,
  );
  printTable(
    ['events', 'full ms', 'calls', 'server RSS before', 'peak RSS during', 'events checked', 'incremental ms (min–max)', 'checked', 'nothing new ms', 'bulk insert'],
    rows,
  );
  if (config.consentSizes.length > 0) {
    const biggest = config.consentSizes[config.consentSizes.length - 1]!;
    await measureStall(postgres, `the full consent verification over ${formatNumber(biggest + grown)} events`, verifyFull);
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
