import { SurveyResultsSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';
import { resultCountDrift } from './resultCountDrift.js';

let h: Harness;
let kit: FeedbackKit;
const VISITORS = 60;
let tokens: string[];

beforeAll(async () => {
  h = await createRaceHarness();
  kit = await createFeedbackKit(h);
  // Every visitor exists before the burst (their first bootstrap), so the burst is not queued behind creating them.
  tokens = [];
  for (let i = 0; i < VISITORS; i += 1) {
    const token = await kit.visitor(`counted_race_${i}`);
    await kit.feedback(token);
    tokens.push(token);
  }
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function stored(surveyId: string): Promise<{ responses: number; displays: number }> {
  const { rows } = await h.store.query<{ responses: number; displays: number }>(
    `SELECT (SELECT count(*)::int FROM feedback_responses WHERE site_id = $1 AND survey_id = $2) AS responses,
            (SELECT count(*)::int FROM feedback_events WHERE site_id = $1 AND survey_id = $2 AND type = 'display') AS displays`,
    [kit.site.site.id, surveyId],
  );
  return rows[0]!;
}

describe('survey result counters under real concurrency', () => {
  it('equal a recount after 400 concurrent answers, displays and deletes on the same counters', async () => {
    const text = await kit.createSurvey({ kind: 'text', question: 'Anything to add?' });
    const nps = await kit.createSurvey({ kind: 'nps' });
    // Rows in the current hour that the burst deletes while it adds others to the same counters.
    const siteId = kit.site.site.id;
    const { rows: contacts } = await h.store.query<{ id: string }>('SELECT id FROM contacts WHERE site_id = $1 ORDER BY id', [siteId]);
    const doomed = Array.from({ length: 40 }, () => clientId('re'));
    await h.store.query(
      `INSERT INTO feedback_responses (site_id, id, survey_id, contact_id, request_hash, kind, score, text, answered_at, received_at)
       SELECT $1, id, $2, $3, 'old', 'text', NULL, 'old', now(), now() FROM unnest($4::text[]) AS id`,
      [siteId, text.id, contacts[0]!.id, doomed],
    );

    const run = await concurrently(h, 400, async (i) => {
      const token = tokens[i % VISITORS]!;
      if (i % 10 === 9) {
        const gone = await h.store.query('DELETE FROM feedback_responses WHERE site_id = $1 AND id = $2 RETURNING id', [siteId, doomed[(i - 9) / 10]]);
        return gone.rows.length === 1 ? 'deleted' : 'missing';
      }
      const response =
        i % 4 === 0
          ? await kit.event(token, { surveyId: i % 8 === 0 ? text.id : nps.id, type: 'display', source: 'tab' })
          : await kit.respond(token, i % 2 === 0 ? { surveyId: nps.id, score: i % 11 } : { surveyId: text.id, score: null, text: `Answer ${i}` });
      return String(response.status);
    });
    const statuses: Record<string, number> = {};
    for (const status of run.results) statuses[status] = (statuses[status] ?? 0) + 1;
    const drift = await resultCountDrift(h.store, siteId);
    console.log(`counters: 400 concurrent answers, displays and deletes → ${JSON.stringify(statuses)}, ${drift.length} counters off (${run.elapsedMs} ms)`);
    expect(statuses).toEqual({ '200': 100, '201': 260, deleted: 40 });
    expect(drift).toEqual([]);

    for (const survey of [text, nps]) {
      const results = SurveyResultsSchema.parse(await (await kit.admin(`/surveys/${survey.id}/results`)).json());
      expect({ responses: results.responses, displays: results.displays }).toEqual(await stored(survey.id));
    }
    expect(await stored(text.id)).toEqual({ responses: 160, displays: 50 });
  });
});
