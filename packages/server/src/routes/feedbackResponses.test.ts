import type { FeedbackResponse } from '@rapport/core';
import { FeedbackResponsePageSchema, FeedbackResponseSchema, VisitorResponseSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function answer(kit: FeedbackKit, externalId: string, body: Record<string, unknown>) {
  const response = await kit.respond(await kit.visitor(externalId), body);
  expect(response.status).toBe(201);
  return VisitorResponseSchema.parse(await response.json());
}

async function page(kit: FeedbackKit, query: string) {
  const response = await kit.admin(`/feedback/responses${query}`);
  expect(response.status).toBe(200);
  return FeedbackResponsePageSchema.parse(await response.json());
}

async function patch(kit: FeedbackKit, id: string, body: unknown) {
  const response = await kit.admin(`/feedback/responses/${id}`, { method: 'PATCH', body });
  expect(response.status).toBe(200);
  return FeedbackResponseSchema.parse(await response.json());
}

describe('GET /v1/admin/feedback/responses', () => {
  it('filters by survey, status, band, contact request and answer time, newest first', async () => {
    const kit = await createFeedbackKit(h);
    const nps = await kit.createSurvey({ allowContactRequest: true });
    const csat = await kit.createSurvey({ kind: 'csat' });
    const now = h.clock.now().getTime();
    const old = await answer(kit, 'user_f1', { surveyId: nps.id, score: 2, contactRequested: true, answeredAt: new Date(now - 10 * DAY).toISOString() });
    const mid = await answer(kit, 'user_f2', { surveyId: nps.id, score: 9, answeredAt: new Date(now - 5 * DAY).toISOString() });
    const sat = await answer(kit, 'user_f3', { surveyId: csat.id, score: 3 });
    await patch(kit, mid.id, { status: 'acknowledged' });

    const ids = async (query: string) => (await page(kit, query)).items.map((r) => r.id);
    expect(await ids('')).toEqual([sat.id, mid.id, old.id]);
    expect(await ids(`?surveyId=${nps.id}`)).toEqual([mid.id, old.id]);
    expect(await ids('?status=acknowledged')).toEqual([mid.id]);
    expect(await ids('?status=new')).toEqual([sat.id, old.id]);
    expect(await ids('?band=negative')).toEqual([old.id]);
    expect(await ids('?band=neutral')).toEqual([sat.id]);
    expect(await ids('?contactRequested=true')).toEqual([old.id]);
    expect(await ids('?contactRequested=false')).toEqual([sat.id, mid.id]);
    const from = new Date(now - 6 * DAY).toISOString();
    const to = new Date(now - 1000).toISOString();
    expect(await ids(`?from=${from}`)).toEqual([sat.id, mid.id]);
    expect(await ids(`?from=${from}&to=${to}`)).toEqual([mid.id]);
    expect(await ids(`?surveyId=svy_none`)).toEqual([]);
  });

  it('pages with a keyset cursor, without gaps or repeats', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 10, stopAfterResponse: false } });
    const stored: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      if (i % 3 !== 0) h.clock.advance(1000); // some share an answer time
      stored.push((await answer(kit, `user_page_${i}`, { surveyId: survey.id, score: i })).id);
    }
    const seen: FeedbackResponse[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await page(kit, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...result.items);
      cursor = result.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((r) => r.id).sort()).toEqual([...stored].sort());
    const keys = seen.map((r) => `${r.answeredAt}|${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    for (const query of ['?cursor=nope', '?limit=0', '?limit=101', '?band=good', '?status=done', '?contactRequested=yes', '?from=now', '?sort=asc']) {
      const response = await kit.admin(`/feedback/responses${query}`);
      expect(response.status, query).toBe(422);
    }
  });
});

describe('PATCH /v1/admin/feedback/responses/{id} and the visitor seeing the reply once', () => {
  it('shows a reply in the next bootstrap, once: seen removes it, a second reply brings it back', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ question: 'How was checkout?' });
    const token = await kit.visitor('user_loop');
    const response = await answer(kit, 'user_loop', { surveyId: survey.id, score: 3, text: 'Checkout was slow' });
    expect((await kit.feedback(token)).replies).toEqual([]);

    h.clock.advance(DAY);
    const replied = await patch(kit, response.id, { reply: 'We fixed it on 3 May.' });
    expect(replied).toMatchObject({ reply: 'We fixed it on 3 May.', repliedAt: h.clock.now().toISOString(), replySeenAt: null, status: 'new' });
    const loop = (await kit.feedback(token)).replies;
    expect(loop).toEqual([
      {
        responseId: response.id,
        surveyId: survey.id,
        question: 'How was checkout?',
        score: 3,
        text: 'Checkout was slow',
        message: 'We fixed it on 3 May.',
        status: 'new',
        repliedAt: h.clock.now().toISOString(),
      },
    ]);
    // Still there until it is marked seen.
    expect((await kit.feedback(token)).replies).toHaveLength(1);

    h.clock.advance(60_000);
    const seen = await kit.seen(token, response.id);
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ responseId: response.id, message: 'We fixed it on 3 May.' });
    expect((await kit.feedback(token)).replies).toEqual([]);
    const afterSeen = await kit.admin(`/feedback/responses?surveyId=${survey.id}`);
    expect(FeedbackResponsePageSchema.parse(await afterSeen.json()).items[0]).toMatchObject({ replySeenAt: h.clock.now().toISOString(), replyAcknowledgedAt: null });

    // The same reply again changes nothing; a new one is shown again.
    expect(await patch(kit, response.id, { reply: 'We fixed it on 3 May.' })).toMatchObject({ replySeenAt: h.clock.now().toISOString() });
    expect((await kit.feedback(token)).replies).toEqual([]);
    h.clock.advance(DAY);
    await patch(kit, response.id, { reply: 'Update: checkout is now twice as fast.' });
    expect((await kit.feedback(token)).replies).toMatchObject([{ message: 'Update: checkout is now twice as fast.' }]);
    h.clock.advance(1000);
    expect((await kit.seen(token, response.id, true)).status).toBe(200);
    expect((await kit.feedback(token)).replies).toEqual([]);
    const acknowledged = FeedbackResponsePageSchema.parse(await (await kit.admin(`/feedback/responses?surveyId=${survey.id}`)).json()).items[0];
    expect(acknowledged).toMatchObject({ replySeenAt: h.clock.now().toISOString(), replyAcknowledgedAt: h.clock.now().toISOString() });
  });

  it('shows a resolution without a reply as a resolution, once', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey();
    const token = await kit.visitor('user_resolved');
    const response = await answer(kit, 'user_resolved', { surveyId: survey.id, score: 1, text: 'Broken bag' });
    expect(await patch(kit, response.id, { status: 'acknowledged' })).toMatchObject({ status: 'acknowledged' });
    expect((await kit.feedback(token)).replies).toEqual([]);
    h.clock.advance(DAY);
    await patch(kit, response.id, { status: 'resolved' });
    expect((await kit.feedback(token)).replies).toEqual([
      expect.objectContaining({ responseId: response.id, message: null, status: 'resolved', repliedAt: h.clock.now().toISOString() }),
    ]);
    expect((await kit.seen(token, response.id, true)).status).toBe(200);
    expect((await kit.feedback(token)).replies).toEqual([]);
    // Resolved again changes nothing; reopened, it is no longer a resolution.
    await patch(kit, response.id, { status: 'resolved' });
    expect((await kit.feedback(token)).replies).toEqual([]);
    await patch(kit, response.id, { status: 'new' });
    expect((await kit.feedback(token)).replies).toEqual([]);
    expect((await kit.seen(token, response.id)).status).toBe(404);
  });

  it('answers 404 for an unknown response or one of another site, and 422 for a bad body', async () => {
    const kit = await createFeedbackKit(h);
    const other = await createFeedbackKit(h);
    const survey = await other.createSurvey();
    const foreign = await answer(other, 'user_foreign', { surveyId: survey.id, score: 5 });
    for (const id of ['re_missing', foreign.id]) {
      const response = await kit.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { status: 'resolved' } });
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    for (const body of [{ status: 'done' }, { reply: '' }, { reply: 'x'.repeat(1001) }, { score: 3 }]) {
      expect((await other.admin(`/feedback/responses/${foreign.id}`, { method: 'PATCH', body })).status).toBe(422);
    }
  });
});

describe('GET /v1/admin/feedback/contact-requests', () => {
  it('lists open contact requests, newest first, until they are resolved', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ allowContactRequest: true, recontact: { cooldownDays: 0, maxDisplays: 9, stopAfterResponse: false } });
    const first = await answer(kit, 'user_cr1', { surveyId: survey.id, score: 0, text: 'Call me', contactRequested: true });
    h.clock.advance(1000);
    await answer(kit, 'user_cr2', { surveyId: survey.id, score: 2 });
    const second = await answer(kit, 'user_cr3', { surveyId: survey.id, score: 4, contactRequested: true });
    const list = async (query = '') => {
      const response = await kit.admin(`/feedback/contact-requests${query}`);
      expect(response.status).toBe(200);
      return FeedbackResponsePageSchema.parse(await response.json()).items;
    };
    expect((await list()).map((r) => [r.id, r.externalId])).toEqual([[second.id, 'user_cr3'], [first.id, 'user_cr1']]);
    await patch(kit, first.id, { status: 'acknowledged' });
    expect((await list()).map((r) => r.id)).toEqual([second.id, first.id]);
    await patch(kit, first.id, { status: 'resolved' });
    expect((await list()).map((r) => r.id)).toEqual([second.id]);
    expect((await list('?limit=1')).length).toBe(1);
    expect(await list('?surveyId=svy_other')).toEqual([]);
    expect((await kit.admin('/feedback/contact-requests?status=new')).status).toBe(422);
  });
});
