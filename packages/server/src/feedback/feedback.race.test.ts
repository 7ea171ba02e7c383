import { PromptEventResultSchema, VisitorResponseSchema } from '@rapport/core/schemas';
import type { PromptEventResult } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import { createTestSite, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: FeedbackKit;

beforeAll(async () => {
  h = await createRaceHarness();
  kit = await createFeedbackKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

// Each visitor here exists before their burst (their first bootstrap): a burst that creates the contact would
// queue behind the creating insert, and hide a missing lock.

/**
 * What a burst of prompt events answered, by result: `accepted`, the refusal's reason, or `status <n>` for a
 * response other than 200 (a refused display is `accepted: false`, never an error).
 */
async function tally(responses: readonly Response[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    let key = `status ${response.status}`;
    if (response.status === 200) {
      const result: PromptEventResult = PromptEventResultSchema.parse(await response.json());
      key = result.accepted ? 'accepted' : (result.reason ?? 'refused');
    }
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Displays recorded in the database for one survey (every visitor). */
async function displaysOf(siteId: string, surveyId: string): Promise<number> {
  const { rows } = await h.store.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM feedback_events WHERE site_id = $1 AND survey_id = $2 AND type = 'display'",
    [siteId, surveyId],
  );
  return rows[0]?.n ?? 0;
}

describe('feedback eligibility under real concurrency', () => {
  it('counts at most 3 of 100 concurrent displays of one survey to one visitor with a display cap of 3', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 3, stopAfterResponse: false } });
    const token = await kit.visitor('race_cap');
    await kit.feedback(token);
    const run = await concurrently(h, 100, () => kit.event(token, { surveyId: survey.id, type: 'display', source: 'trigger' }));
    const counts = await tally(run.results);
    const counted = await displaysOf(kit.site.site.id, survey.id);
    console.log(`display cap: 100 concurrent displays, cap 3 → ${JSON.stringify(counts)}, ${counted} displays in the database (${run.elapsedMs} ms)`);
    expect(counted).toBeLessThanOrEqual(3);
    expect(counts).toEqual({ accepted: 3, max_displays: 97 });
    expect(counted).toBe(3);
  });

  it('lets one of 100 concurrent displays through a survey cooldown', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 30, maxDisplays: 100, stopAfterResponse: false } });
    const token = await kit.visitor('race_cooldown');
    await kit.feedback(token);
    const run = await concurrently(h, 100, () => kit.event(token, { surveyId: survey.id }));
    const counts = await tally(run.results);
    const counted = await displaysOf(kit.site.site.id, survey.id);
    console.log(`survey cooldown: 100 concurrent displays, 30-day cooldown → ${JSON.stringify(counts)}, ${counted} in the database (${run.elapsedMs} ms)`);
    expect(counts).toEqual({ accepted: 1, cooldown: 99 });
    expect(counted).toBe(1);
  });

  it('lets one of 100 concurrent displays of two surveys through the global cooldown', async () => {
    const shop = await createFeedbackKit(h, await createTestSite(h.store));
    expect((await shop.admin('/feedback/settings', { method: 'PUT', body: { globalCooldownDays: 7 } })).status).toBe(200);
    const recontact = { cooldownDays: 0, maxDisplays: 100, stopAfterResponse: false };
    const surveys = [await shop.createSurvey({ recontact }), await shop.createSurvey({ recontact })];
    const visitor = await shop.visitor('race_global');
    await shop.feedback(visitor);
    const across = await concurrently(h, 100, (i) => shop.event(visitor, { surveyId: surveys[i % 2]!.id }));
    const global = await tally(across.results);
    const shown = (await displaysOf(shop.site.site.id, surveys[0]!.id)) + (await displaysOf(shop.site.site.id, surveys[1]!.id));
    console.log(`global cooldown: 100 concurrent displays of 2 surveys, 7-day global cooldown → ${JSON.stringify(global)}, ${shown} in the database (${across.elapsedMs} ms)`);
    expect(global).toEqual({ accepted: 1, global_cooldown: 99 });
    expect(shown).toBe(1);
  });

  it('records one row per event id, and lets only maxDisplays displays through', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 2, stopAfterResponse: false } });
    const token = await kit.visitor('user_event_race');
    await kit.feedback(token);
    const same = { id: clientId(), surveyId: survey.id, type: 'display', source: 'trigger' };
    const replays = await concurrently(h, 10, () => kit.event(token, same));
    const replayed = await tally(replays.results);
    const distinct = await concurrently(h, 10, () => kit.event(token, { surveyId: survey.id }));
    const fresh = await tally(distinct.results);
    const rows = await displaysOf(kit.site.site.id, survey.id);
    console.log(
      `event ids: 10 concurrent sends of one id → ${JSON.stringify(replayed)}; 10 new ids → ${JSON.stringify(fresh)}; ` +
        `${rows} rows (${replays.elapsedMs} + ${distinct.elapsedMs} ms)`,
    );
    expect(replayed).toEqual({ accepted: 10 });
    expect(fresh).toEqual({ accepted: 1, max_displays: 9 });
    expect(rows).toBe(2);
  });
});

describe('feedback responses under real concurrency', () => {
  it('stores exactly one row for 20 concurrent identical submissions; the others replay it', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('user_concurrent');
    await kit.feedback(token);
    const body = { id: clientId(), surveyId: survey.id, score: 10, text: 'Concurrent' };
    const run = await concurrently(h, 20, () => kit.respond(token, body));
    const statuses = run.results.map((r) => r.status);
    const { rows } = await h.store.query('SELECT id FROM feedback_responses WHERE site_id = $1 AND id = $2', [kit.site.site.id, body.id]);
    console.log(
      `responses: 20 concurrent identical submissions → ${statuses.filter((s) => s === 201).length} × 201, ` +
        `${statuses.filter((s) => s === 200).length} × 200, ${statuses.filter((s) => s >= 400).length} errors, ${rows.length} row (${run.elapsedMs} ms)`,
    );
    expect([...statuses].sort()).toEqual([...Array(19).fill(200), 201]);
    const bodies = await Promise.all(run.results.map(async (r) => VisitorResponseSchema.parse(await r.json())));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(rows).toHaveLength(1);
  });

  it('stores 20 concurrent submissions with different ids as 20 rows', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('user_many');
    await kit.feedback(token);
    const before = await kit.count('feedback_responses');
    const run = await concurrently(h, 20, (i) => kit.respond(token, { surveyId: survey.id, score: i % 11 }));
    const stored = (await kit.count('feedback_responses')) - before;
    console.log(`responses: 20 concurrent submissions with different ids → ${run.results.filter((r) => r.status === 201).length} × 201, ${stored} rows (${run.elapsedMs} ms)`);
    expect(run.results.every((r) => r.status === 201)).toBe(true);
    expect(stored).toBe(20);
  });
});
