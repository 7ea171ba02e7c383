import type { SurveyKind } from '@rapport/core';
import { FeedbackResponsePageSchema, SurveyResultsSchema, VisitorResponseSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

interface KindCase {
  kind: SurveyKind;
  /** Two answers: [score, text]. */
  answers: Array<[number | null, string | null]>;
  band: Array<'negative' | 'neutral' | 'positive' | null>;
  figure: Record<string, number | null>;
}

const CASES: KindCase[] = [
  { kind: 'nps', answers: [[10, 'Great beans'], [3, 'Slow delivery']], band: ['positive', 'negative'], figure: { nps: 0 } },
  { kind: 'csat', answers: [[5, null], [4, 'Fine']], band: ['positive', 'positive'], figure: { csatPercent: 100 } },
  { kind: 'ces', answers: [[2, 'Hard to find'], [5, null]], band: ['negative', 'positive'], figure: { cesAverage: 3.5 } },
  { kind: 'thumbs', answers: [[1, null], [0, 'Missing sizes']], band: ['positive', 'negative'], figure: { thumbsUpPercent: 50 } },
  { kind: 'text', answers: [[null, 'Please stock decaf'], [null, 'More origins']], band: [null, null], figure: { nps: null, csatPercent: null } },
];

describe.each(CASES)('a $kind survey, end to end over HTTP', ({ kind, answers, band, figure }) => {
  it('is created by the admin, offered in the bootstrap, shown, answered, listed and counted', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({
      kind,
      name: `${kind} survey`,
      question: `The ${kind} question`,
      followUps: { negative: 'What went wrong?' },
      placement: 'popover',
      recontact: { cooldownDays: 0, maxDisplays: 5, stopAfterResponse: false },
    });
    expect(survey).toMatchObject({ kind, status: 'active', textMaxLength: 500, samplePercent: 100 });

    const visitors = [await kit.visitor(`user_${kind}_1`), await kit.visitor(`user_${kind}_2`)];
    const slot = await kit.feedback(visitors[0] ?? '');
    expect(slot.surveys).toEqual([
      expect.objectContaining({ id: survey.id, kind, question: `The ${kind} question`, placement: 'popover', eligible: true, followUps: { negative: 'What went wrong?' } }),
    ]);

    const stored = [];
    for (const [i, token] of visitors.entries()) {
      expect(await kit.display(token, survey.id)).toEqual({ accepted: true, reason: null });
      const [score, text] = answers[i] ?? [null, null];
      const response = await kit.respond(token, { surveyId: survey.id, score, text, pageUrl: '/checkout' });
      expect(response.status).toBe(201);
      const body = VisitorResponseSchema.parse(await response.json());
      expect(body).toMatchObject({ surveyId: survey.id, kind, score, text, band: band[i], contactRequested: false, answeredAt: h.clock.now().toISOString() });
      stored.push(body);
      h.clock.advance(60_000);
    }

    const listed = FeedbackResponsePageSchema.parse(await (await kit.admin(`/feedback/responses?surveyId=${survey.id}`)).json());
    expect(listed.items.map((r) => r.id)).toEqual(stored.map((r) => r.id).reverse());
    expect(listed.items[1]).toMatchObject({ externalId: `user_${kind}_1`, pageUrl: '/checkout', status: 'new', reply: null, kind });

    const results = SurveyResultsSchema.parse(await (await kit.admin(`/surveys/${survey.id}/results`)).json());
    expect(results).toMatchObject({ surveyId: survey.id, kind, displays: 2, responses: 2, responseRate: 1, ...figure });
    expect(results.weekly).toHaveLength(12);
    expect(results.weekly.at(-1)).toMatchObject({ weekStart: '2026-11-23', displays: 2, responses: 2 });
    expect(results.weekly.slice(0, -1).every((w) => w.displays === 0 && w.responses === 0 && w.score === null)).toBe(true);
  });
});
