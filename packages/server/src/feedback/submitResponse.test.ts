import { VisitorResponseSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: FeedbackKit;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
  kit = await createFeedbackKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** Expects `response` to be a 4xx with `code` (and the issue path), and that no response was stored. */
async function refused(response: Response, status: number, code: string, before: number, path?: (string | number)[]) {
  expect(response.status).toBe(status);
  const error = await readError(response);
  expect(error.code).toBe(code);
  if (path) expect(error.issues?.map((issue) => issue.path)).toContainEqual(path);
  expect(await kit.count('feedback_responses')).toBe(before);
}

describe('POST /v1/visitor/feedback/responses: replays and conflicts', () => {
  it('stores once: the same id and body again answers 200 with the stored response', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('user_replay');
    const body = { id: clientId(), surveyId: survey.id, score: 9, text: 'Nice', pageUrl: '/p' };
    const first = await kit.respond(token, body);
    expect(first.status).toBe(201);
    const stored = VisitorResponseSchema.parse(await first.json());
    h.clock.advance(60_000);
    const replay = await kit.respond(token, { text: 'Nice', pageUrl: '/p', score: 9, surveyId: survey.id, id: body.id });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(stored);
    const { rows } = await h.store.query('SELECT id FROM feedback_responses WHERE site_id = $1 AND id = $2', [kit.site.site.id, body.id]);
    expect(rows).toHaveLength(1);

    // Even once the survey has closed, a replay still gets the stored answer.
    await kit.admin(`/surveys/${survey.id}`, { method: 'PATCH', body: { status: 'closed' } });
    expect((await kit.respond(token, body)).status).toBe(200);
  });

  it('answers 409 idempotency_conflict for the same id with another body, or from another visitor', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('user_conflict');
    const body = { id: clientId(), surveyId: survey.id, score: 7 };
    expect((await kit.respond(token, body)).status).toBe(201);
    const before = await kit.count('feedback_responses');
    await refused(await kit.respond(token, { ...body, score: 8 }), 409, 'idempotency_conflict', before);
    await refused(await kit.respond(token, { ...body, text: 'extra' }), 409, 'idempotency_conflict', before);
    await refused(await kit.respond(await kit.visitor('user_other'), body), 409, 'idempotency_conflict', before);
    const { rows } = await h.store.query<{ score: number }>('SELECT score FROM feedback_responses WHERE site_id = $1 AND id = $2', [kit.site.site.id, body.id]);
    expect(rows).toEqual([{ score: 7 }]);
  });
});

describe('POST /v1/visitor/feedback/responses: validation, with nothing stored', () => {
  it('answers 404 for an unknown survey or one of another site', async () => {
    const token = await kit.visitor('user_404');
    const before = await kit.count('feedback_responses');
    await refused(await kit.respond(token, { surveyId: 'svy_missing', score: 5 }), 404, 'not_found', before);
    const other = await createFeedbackKit(h, await createTestSite(h.store));
    const foreign = await other.createSurvey();
    await refused(await kit.respond(token, { surveyId: foreign.id, score: 5 }), 404, 'not_found', before);
  });

  it('answers 409 survey_closed for a draft, a closed survey, and outside the window', async () => {
    const token = await kit.visitor('user_closed');
    const now = h.clock.now().getTime();
    const surveys = [
      await kit.createSurvey({ status: 'draft' }),
      await kit.createSurvey({ status: 'closed' }),
      await kit.createSurvey({ startsAt: new Date(now + 1000).toISOString() }),
      await kit.createSurvey({ endsAt: new Date(now).toISOString() }),
    ];
    const before = await kit.count('feedback_responses');
    for (const survey of surveys) await refused(await kit.respond(token, { surveyId: survey.id, score: 5 }), 409, 'survey_closed', before);
    const open = await kit.createSurvey({ startsAt: new Date(now).toISOString(), endsAt: new Date(now + 1).toISOString() });
    expect((await kit.respond(token, { surveyId: open.id, score: 5 })).status).toBe(201);
  });

  it('answers 422 at `score` for a score that does not fit the kind', async () => {
    const token = await kit.visitor('user_score');
    const cases: Array<[string, unknown[]]> = [
      ['nps', [-1, 11, 7.5, null, '7', 1e300]],
      ['csat', [0, 6, null]],
      ['ces', [0, 8, null]],
      ['thumbs', [-1, 2, null]],
      ['text', [0, 1]],
    ];
    const before = await kit.count('feedback_responses');
    for (const [kind, scores] of cases) {
      const survey = await kit.createSurvey({ kind: kind as 'nps' });
      for (const score of scores) await refused(await kit.respond(token, { surveyId: survey.id, score, text: 'why' }), 422, 'validation_failed', before, ['score']);
    }
    const nps = await kit.createSurvey();
    await refused(await kit.respond(token, { surveyId: nps.id }), 422, 'validation_failed', before, ['score']);
  });

  it('needs text on a text survey, and keeps text within textMaxLength', async () => {
    const token = await kit.visitor('user_text');
    const text = await kit.createSurvey({ kind: 'text', textMaxLength: 20 });
    const csat = await kit.createSurvey({ kind: 'csat', textMaxLength: 20 });
    const before = await kit.count('feedback_responses');
    for (const body of [{ score: null }, { score: null, text: null }, { score: null, text: '   ' }]) {
      await refused(await kit.respond(token, { surveyId: text.id, ...body }), 422, 'validation_failed', before, ['text']);
    }
    await refused(await kit.respond(token, { surveyId: text.id, score: null, text: 'x'.repeat(21) }), 422, 'validation_failed', before, ['text']);
    await refused(await kit.respond(token, { surveyId: csat.id, score: 4, text: 'y'.repeat(21) }), 422, 'validation_failed', before, ['text']);
    await refused(await kit.respond(token, { surveyId: csat.id, score: 4, text: 'y'.repeat(2001) }), 422, 'validation_failed', before, ['text']);
    const ok = await kit.respond(token, { surveyId: text.id, score: null, text: `  ${'x'.repeat(20)}  ` });
    expect(ok.status).toBe(201);
    expect(VisitorResponseSchema.parse(await ok.json())).toMatchObject({ score: null, band: null, text: 'x'.repeat(20) });
  });

  it('takes a contact request only in the negative band of a survey that allows it', async () => {
    const token = await kit.visitor('user_callback');
    const allows = await kit.createSurvey({ allowContactRequest: true });
    const refuses = await kit.createSurvey({ allowContactRequest: false });
    const text = await kit.createSurvey({ kind: 'text', allowContactRequest: true });
    const before = await kit.count('feedback_responses');
    for (const [survey, score] of [[allows, 7], [allows, 10], [refuses, 2], [text, null]] as const) {
      await refused(await kit.respond(token, { surveyId: survey.id, score, text: 'call me', contactRequested: true }), 422, 'validation_failed', before, ['contactRequested']);
    }
    const ok = await kit.respond(token, { surveyId: allows.id, score: 6, text: 'call me', contactRequested: true });
    expect(ok.status).toBe(201);
    expect(VisitorResponseSchema.parse(await ok.json())).toMatchObject({ band: 'negative', contactRequested: true });
  });

  it('keeps answeredAt (within 5 min ahead and 30 days back) as the answer time; received time is the server clock', async () => {
    const token = await kit.visitor('user_offline');
    const survey = await kit.createSurvey();
    const now = h.clock.now().getTime();
    const before = await kit.count('feedback_responses');
    for (const at of [now + 6 * 60_000, now - 30 * DAY - 60_000]) {
      await refused(await kit.respond(token, { surveyId: survey.id, score: 8, answeredAt: new Date(at).toISOString() }), 422, 'validation_failed', before, ['answeredAt']);
    }
    await refused(await kit.respond(token, { surveyId: survey.id, score: 8, answeredAt: 'yesterday' }), 422, 'validation_failed', before, ['answeredAt']);
    const earlier = new Date(now - 29 * DAY).toISOString();
    const kept = await kit.respond(token, { surveyId: survey.id, score: 8, answeredAt: earlier });
    expect(kept.status).toBe(201);
    const body = VisitorResponseSchema.parse(await kept.json());
    expect(body.answeredAt).toBe(earlier);
    const { rows } = await h.store.query<{ answered_at: Date; received_at: Date }>(
      'SELECT answered_at, received_at FROM feedback_responses WHERE site_id = $1 AND id = $2',
      [kit.site.site.id, body.id],
    );
    expect(rows[0]).toEqual({ answered_at: new Date(earlier), received_at: h.clock.now() });
    const skewed = await kit.respond(token, { surveyId: survey.id, score: 8, answeredAt: new Date(now + 4 * 60_000).toISOString() });
    expect(skewed.status).toBe(201);
  });

  it('refuses unknown fields, bad ids and a missing token', async () => {
    const token = await kit.visitor('user_shape');
    const survey = await kit.createSurvey();
    const before = await kit.count('feedback_responses');
    await refused(await kit.respond(token, { surveyId: survey.id, score: 5, contactId: 'ct_x' }), 422, 'validation_failed', before, ['contactId']);
    await refused(await kit.respond(token, { id: 'short', surveyId: survey.id, score: 5 }), 422, 'validation_failed', before, ['id']);
    await refused(await kit.respond(token, { id: 'has space in it', surveyId: survey.id, score: 5 }), 422, 'validation_failed', before, ['id']);
    const anonymous = await h.call('/v1/visitor/feedback/responses', { site: kit.site, method: 'POST', body: { id: clientId(), surveyId: survey.id, score: 5 } });
    await refused(anonymous, 401, 'unauthorized', before);
  });
});
