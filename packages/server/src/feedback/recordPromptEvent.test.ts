import { PromptEventResultSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: FeedbackKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createFeedbackKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function result(response: Response) {
  expect(response.status).toBe(200);
  return PromptEventResultSchema.parse(await response.json());
}

async function eventsOf(surveyId: string) {
  const { rows } = await h.store.query<{ id: string; type: string; source: string }>(
    'SELECT id, type, source FROM feedback_events WHERE site_id = $1 AND survey_id = $2 ORDER BY occurred_at, id',
    [kit.site.site.id, surveyId],
  );
  return rows;
}

describe('POST /v1/visitor/feedback/events', () => {
  it('records an allowed display and a dismissal, and replays by id without recording again', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 1, stopAfterResponse: true } });
    const token = await kit.visitor('user_events');
    const display = { id: clientId(), surveyId: survey.id, type: 'display', source: 'trigger' };
    expect(await result(await kit.event(token, display))).toEqual({ accepted: true, reason: null });
    // Rules now refuse a second display, but a replay of the first answers as the first time.
    const replay = await kit.event(token, display);
    expect(await result(replay)).toEqual({ accepted: true, reason: null });
    h.clock.advance(1000);
    expect(await result(await kit.event(token, { surveyId: survey.id, type: 'dismiss', source: 'trigger' }))).toEqual({ accepted: true, reason: null });
    expect((await eventsOf(survey.id)).map((e) => e.type)).toEqual(['display', 'dismiss']);
  });

  it('refuses a display the rules forbid and records nothing, also when the refused id is sent again', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 1, stopAfterResponse: true } });
    const token = await kit.visitor('user_refused');
    expect(await kit.display(token, survey.id)).toEqual({ accepted: true, reason: null });
    const refusedEvent = { id: clientId(), surveyId: survey.id, type: 'display', source: 'code' };
    expect(await result(await kit.event(token, refusedEvent))).toEqual({ accepted: false, reason: 'max_displays' });
    expect(await result(await kit.event(token, refusedEvent))).toEqual({ accepted: false, reason: 'max_displays' });
    const events = await eventsOf(survey.id);
    expect(events).toHaveLength(1);
    expect(events.map((e) => e.id)).not.toContain(refusedEvent.id);
  });

  it('always accepts and records a display from the feedback tab', async () => {
    const survey = await kit.createSurvey({ samplePercent: 0, recontact: { cooldownDays: 365, maxDisplays: 1, stopAfterResponse: true } });
    const token = await kit.visitor('user_tab');
    expect(await kit.display(token, survey.id, 'trigger')).toEqual({ accepted: false, reason: 'not_sampled' });
    expect(await kit.display(token, survey.id, 'code')).toEqual({ accepted: false, reason: 'not_sampled' });
    for (let i = 0; i < 3; i += 1) expect(await kit.display(token, survey.id, 'tab')).toEqual({ accepted: true, reason: null });
    expect((await eventsOf(survey.id)).map((e) => e.source)).toEqual(['tab', 'tab', 'tab']);
  });

  it('answers 409 idempotency_conflict for an id reused for another event or by another visitor', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 10, stopAfterResponse: true } });
    const token = await kit.visitor('user_event_conflict');
    const body = { id: clientId(), surveyId: survey.id, type: 'display', source: 'trigger' };
    await result(await kit.event(token, body));
    for (const [who, change] of [
      [token, { type: 'dismiss' }],
      [token, { source: 'tab' }],
      [await kit.visitor('user_event_thief'), {}],
    ] as const) {
      const response = await kit.event(who, { ...body, ...change });
      expect(response.status).toBe(409);
      expect((await readError(response)).code).toBe('idempotency_conflict');
    }
    expect(await eventsOf(survey.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown survey, 409 survey_closed for one not open, and records nothing', async () => {
    const token = await kit.visitor('user_event_closed');
    const other = await createFeedbackKit(h, await createTestSite(h.store));
    const before = await kit.count('feedback_events');
    for (const surveyId of ['svy_nope', (await other.createSurvey()).id]) {
      const response = await kit.event(token, { surveyId });
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    const now = h.clock.now().getTime();
    for (const overrides of [{ status: 'draft' }, { status: 'closed' }, { startsAt: new Date(now + 60_000).toISOString() }, { endsAt: new Date(now).toISOString() }] as const) {
      const survey = await kit.createSurvey(overrides);
      for (const body of [{ type: 'display', source: 'tab' }, { type: 'dismiss' }]) {
        const response = await kit.event(token, { surveyId: survey.id, ...body });
        expect(response.status).toBe(409);
        expect((await readError(response)).code).toBe('survey_closed');
      }
    }
    expect(await kit.count('feedback_events')).toBe(before);
  });

  it('validates the body and needs a visitor token', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('user_event_shape');
    for (const body of [{ type: 'click' }, { source: 'email' }, { id: 'short' }, { contactId: 'ct_x' }, { surveyId: '' }]) {
      const response = await kit.event(token, { surveyId: survey.id, ...body });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    const noToken = await h.call('/v1/visitor/feedback/events', { site: kit.site, method: 'POST', body: { id: clientId(), surveyId: survey.id, type: 'display', source: 'tab' } });
    expect(noToken.status).toBe(401);
  });
});
