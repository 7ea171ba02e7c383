import type { Survey } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../sites/createSite.js';
import { migrate } from '../store/migrate.js';
import { RESPONSE_COUNT_COLUMNS } from '../store/migrations/0014_survey_result_aggregates.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import type { SqlExecutor } from '../store/Store.js';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { createRandom } from '../testing/createRandom.js';
import { createTestStore, STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { computeSurveyResults, type ScoreCount } from './computeSurveyResults.js';
import { loadSurveyResults, resolveResultsPeriod } from './loadSurveyResults.js';
import { resultCountDrift } from './resultCountDrift.js';
import type { SurveyRow } from './surveyQueries.js';

// The counters behind survey results (migration 0014) against the rows they count: after every kind of write, and
// results read from them against results counted from the rows, as the results were computed before the counters.

let h: Harness;
let kit: FeedbackKit;
let siteId: string;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The test clock starts on Monday 2026-11-23 09:00 UTC; bulk rows go back five weeks from there.
const START = new Date('2026-11-23T09:00:00.000Z').getTime();
const random = createRandom(17);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

beforeAll(async () => {
  h = await createHarness();
  kit = await createFeedbackKit(h);
  siteId = kit.site.site.id;
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** What the results said before the counters: every row of the period counted, by week. */
async function resultsFromRows(db: SqlExecutor, survey: Survey, from: Date, to: Date, weeks: string[]) {
  const week = (column: string) => `to_char(date_trunc('week', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
  const params = [siteId, survey.id, from, to];
  const displays = await db.query<{ week: string; n: number }>(
    `SELECT ${week('occurred_at')} AS week, count(*)::int AS n FROM feedback_events
     WHERE site_id = $1 AND survey_id = $2 AND type = 'display' AND occurred_at >= $3 AND occurred_at < $4 GROUP BY 1`,
    params,
  );
  const scores = await db.query<ScoreCount>(
    `SELECT ${week('answered_at')} AS week, score, count(*)::int AS count FROM feedback_responses
     WHERE site_id = $1 AND survey_id = $2 AND answered_at >= $3 AND answered_at < $4 GROUP BY 1, 2`,
    params,
  );
  return computeSurveyResults({
    surveyId: survey.id,
    kind: survey.kind,
    weeks,
    displays: new Map(displays.rows.map((row) => [row.week, row.n])),
    scores: scores.rows,
  });
}

const asRow = (survey: Survey) => ({ id: survey.id, kind: survey.kind }) as SurveyRow;

/** A time in the five weeks before the start: often exactly on an hour or a midnight, the buckets' edges. */
function randomTime(): Date {
  const at = START - Math.floor(random() * 35 * DAY);
  const roll = random();
  if (roll < 0.1) return new Date(Math.floor(at / DAY) * DAY);
  if (roll < 0.3) return new Date(Math.floor(at / HOUR) * HOUR);
  return new Date(at);
}

async function contacts(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => clientId('ct'));
  await h.store.query(`INSERT INTO contacts (id, site_id, external_id) SELECT id, $1, id FROM unnest($2::text[]) AS id`, [siteId, ids]);
  return ids;
}

/** `count` rows in one statement each: responses (scores fitting `survey`), displays and dismissals. */
async function bulk(survey: Survey, people: string[], count: number): Promise<void> {
  const score = () => (survey.kind === 'text' ? null : survey.kind === 'nps' ? Math.floor(random() * 11) : 1 + Math.floor(random() * 5));
  const responses = Array.from({ length: count }, () => [clientId('re'), pick(people), score(), randomTime().toISOString()] as const);
  await h.store.query(
    `INSERT INTO feedback_responses (site_id, id, survey_id, contact_id, request_hash, kind, score, text, answered_at, received_at)
     SELECT $1, r.id, $2, r.contact, 'bulk', $3, r.score, CASE WHEN r.score IS NULL THEN 'words' END, r.at, r.at
     FROM unnest($4::text[], $5::text[], $6::int[], $7::timestamptz[]) AS r (id, contact, score, at)`,
    [siteId, survey.id, survey.kind, ...[0, 1, 2, 3].map((i) => responses.map((row) => row[i]))],
  );
  const events = Array.from({ length: count }, () => [clientId('ev'), pick(people), random() < 0.8 ? 'display' : 'dismiss', randomTime().toISOString()] as const);
  await h.store.query(
    `INSERT INTO feedback_events (site_id, id, survey_id, contact_id, type, source, request_hash, occurred_at)
     SELECT $1, e.id, $2, e.contact, e.type, 'tab', 'bulk', e.at FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS e (id, contact, type, at)`,
    [siteId, survey.id, ...[0, 1, 2, 3].map((i) => events.map((row) => row[i]))],
  );
}

async function expectNoDrift(): Promise<void> {
  expect(await resultCountDrift(h.store, siteId)).toEqual([]);
}

describe('survey result counters', () => {
  let nps: Survey;
  let text: Survey;
  let people: string[];

  it('equal a recount after inserts through the API and in bulk, updates and deletes', async () => {
    nps = await kit.createSurvey({ kind: 'nps' });
    text = await kit.createSurvey({ kind: 'text', question: 'Anything to add?' });
    const csat = await kit.createSurvey({ kind: 'csat', question: 'Happy?' });
    // Through the API, as visitors answer: displays first, then answers, the clock moving between them.
    for (let i = 0; i < 6; i += 1) {
      const token = await kit.visitor(`counted_${i}`);
      expect((await kit.display(token, nps.id, 'tab')).accepted).toBe(true);
      expect((await kit.respond(token, { surveyId: nps.id, score: i + 4 })).status).toBe(201);
      expect((await kit.respond(token, { surveyId: text.id, score: null, text: `Thoughts ${i}` })).status).toBe(201);
      h.clock.advance(37 * 60_000);
    }
    await expectNoDrift();

    people = await contacts(40);
    await bulk(nps, people, 800);
    await bulk(text, people, 200);
    await bulk(csat, people, 200);
    await expectNoDrift();

    // What is counted changes: score, answer time, survey, event type; and what is not: the reply and the status.
    await h.store.query(
      `UPDATE feedback_responses SET score = (score + 3) % 11 WHERE site_id = $1 AND survey_id = $2 AND request_hash = 'bulk' AND score % 3 = 0`,
      [siteId, nps.id],
    );
    await h.store.query(
      `UPDATE feedback_responses SET answered_at = answered_at - interval '90 minutes' WHERE site_id = $1 AND id IN (
         SELECT id FROM feedback_responses WHERE site_id = $1 AND survey_id = $2 ORDER BY id LIMIT 100)`,
      [siteId, text.id],
    );
    await h.store.query(
      `UPDATE feedback_responses SET survey_id = $3 WHERE site_id = $1 AND id IN (
         SELECT id FROM feedback_responses WHERE site_id = $1 AND survey_id = $2 AND score BETWEEN 1 AND 5 ORDER BY id LIMIT 50)`,
      [siteId, nps.id, csat.id],
    );
    await h.store.query(
      `UPDATE feedback_events SET type = CASE type WHEN 'display' THEN 'dismiss' ELSE 'display' END WHERE site_id = $1 AND id IN (
         SELECT id FROM feedback_events WHERE site_id = $1 ORDER BY id LIMIT 120)`,
      [siteId],
    );
    await h.store.query(`UPDATE feedback_responses SET status = 'acknowledged', reply = 'Thanks' WHERE site_id = $1 AND score = 9`, [siteId]);
    await expectNoDrift();

    // Deletes: rows directly, a contact (its rows cascade), a whole survey (rows and counters cascade).
    await h.store.query(`DELETE FROM feedback_responses WHERE site_id = $1 AND id IN (SELECT id FROM feedback_responses WHERE site_id = $1 ORDER BY id LIMIT 150)`, [siteId]);
    await h.store.query(`DELETE FROM feedback_events WHERE site_id = $1 AND id IN (SELECT id FROM feedback_events WHERE site_id = $1 ORDER BY id LIMIT 150)`, [siteId]);
    await h.store.query(`DELETE FROM contacts WHERE site_id = $1 AND id = ANY($2::text[])`, [siteId, people.slice(0, 5)]);
    await h.store.query(`DELETE FROM surveys WHERE site_id = $1 AND id = $2`, [siteId, csat.id]);
    await expectNoDrift();
    const { rows } = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_response_counts WHERE site_id = $1 AND survey_id = $2', [siteId, csat.id]);
    expect(rows[0]?.n).toBe(0);
  });

  it('answer every period as counting the rows does: whole weeks, mid-hour edges, within an hour, over a year', async () => {
    const periods: Array<{ from?: string; to?: string }> = [{}, { from: new Date(START - 35 * DAY).toISOString() }];
    for (let i = 0; i < 40; i += 1) {
      const a = randomTime().getTime();
      const b = random() < 0.3 ? a + Math.floor(random() * 2 * HOUR) + 1 : randomTime().getTime();
      if (a !== b) periods.push({ from: new Date(Math.min(a, b)).toISOString(), to: new Date(Math.max(a, b)).toISOString() });
    }
    periods.push({ from: '2025-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    for (const survey of [nps, text]) {
      for (const query of periods) {
        const period = resolveResultsPeriod(query, h.clock.now());
        const counted = await loadSurveyResults(h.store, { siteId, survey: asRow(survey), ...period });
        expect(counted, JSON.stringify(query)).toEqual(await resultsFromRows(h.store, survey, period.from, period.to, period.weeks));
      }
    }
    const whole = await loadSurveyResults(h.store, { siteId, survey: asRow(nps), ...resolveResultsPeriod({ from: '2026-10-01T00:00:00.000Z' }, h.clock.now()) });
    // The period holds most of the generated rows (how many exactly depends on the order the earlier tests drew random
    // numbers in: 500 displays in one run), so the comparisons above were over real data, not an empty period.
    expect(whole.responses).toBeGreaterThan(400);
    expect(whole.displays).toBeGreaterThan(400);
  });

  it('notice a counter that no longer matches its rows', async () => {
    const tamper = (by: number) =>
      h.store.query(
        `UPDATE feedback_response_counts SET score_5 = score_5 + $3 WHERE (site_id, survey_id, span, starts_at, shard) = (
           SELECT site_id, survey_id, span, starts_at, shard FROM feedback_response_counts
           WHERE site_id = $1 AND survey_id = $2 AND span = 'hour' AND score_5 > 0 ORDER BY starts_at, shard LIMIT 1)`,
        [siteId, nps.id, by],
      );
    await tamper(1);
    const drift = await resultCountDrift(h.store, siteId);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ counter: 'responses', surveyId: nps.id, span: 'hour', score: 5 });
    expect(drift[0]!.kept).toBe(drift[0]!.recounted + 1);
    await tamper(-1);
    await expectNoDrift();
  });

  it('refuse to go below zero or a score without a column, and empty with their table', async () => {
    await expect(h.store.query(`UPDATE feedback_display_counts SET displays = -1 WHERE site_id = $1`, [siteId])).rejects.toMatchObject({ code: '23514' });
    // A score no counter column holds is refused, not left out of the results.
    await expect(
      h.store.query(`UPDATE feedback_responses SET score = 11 WHERE site_id = $1 AND survey_id = $2 AND score = 10`, [siteId, nps.id]),
    ).rejects.toMatchObject({ code: '23514', constraint: 'feedback_responses_score_range' });
    await h.store.query('TRUNCATE feedback_responses');
    const { rows } = await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_response_counts');
    expect(rows[0]?.n).toBe(0);
    await expectNoDrift();
  });
});

describe('migration 0014 on a database with feedback already', () => {
  it('counts the rows already there', async () => {
    const t = await createTestStore({ migrate: false });
    try {
      await migrate(t.store, MIGRATIONS.filter((m) => m.id < 14));
      const site = (await t.store.transaction((tx) => createSite(tx, { slug: 'upgrade', name: 'Upgrade', allowedOrigins: [] }))).site.id;
      await t.store.query(`INSERT INTO contacts (id, site_id, external_id) VALUES ('c_old', $1, 'old')`, [site]);
      await t.store.query(
        `INSERT INTO surveys (id, site_id, status, name, kind, question, text_max_length, thank_you, placement, sample_percent, recontact)
         VALUES ('sv_old', $1, 'active', 'Old', 'nps', 'Q?', 500, 'Thanks', 'popover', 100, '{}')`,
        [site],
      );
      await t.store.query(
        `INSERT INTO feedback_responses (site_id, id, survey_id, contact_id, request_hash, kind, score, answered_at, received_at)
         SELECT $1, 're_old_' || n, 'sv_old', 'c_old', 'old', 'nps', n % 11, $2::timestamptz - n * interval '37 minutes', $2
         FROM generate_series(1, 300) AS n`,
        [site, new Date(START)],
      );
      await t.store.query(
        `INSERT INTO feedback_events (site_id, id, survey_id, contact_id, type, source, request_hash, occurred_at)
         SELECT $1, 'ev_old_' || n, 'sv_old', 'c_old', CASE WHEN n % 4 = 0 THEN 'dismiss' ELSE 'display' END, 'tab', 'old',
           $2::timestamptz - n * interval '23 minutes'
         FROM generate_series(1, 400) AS n`,
        [site, new Date(START)],
      );
      await migrate(t.store);
      expect(await resultCountDrift(t.store, site)).toEqual([]);
      const { rows } = await t.store.query<{ responses: number; displays: number }>(
        `SELECT (SELECT sum(${RESPONSE_COUNT_COLUMNS.map(([column]) => column).join(' + ')})::int FROM feedback_response_counts WHERE span = 'day') AS responses,
                (SELECT sum(displays)::int FROM feedback_display_counts WHERE span = 'hour') AS displays`,
      );
      expect(rows[0]).toEqual({ responses: 300, displays: 300 });
    } finally {
      await t.dispose();
    }
  });
});
