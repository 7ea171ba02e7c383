import { BootstrapResponseSchema, LoopReplySchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: FeedbackKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createFeedbackKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function repliedResponse(externalId: string) {
  const survey = await kit.createSurvey({ recontact: { cooldownDays: 30, maxDisplays: 5, stopAfterResponse: false } });
  const token = await kit.visitor(externalId);
  const response = await kit.respond(token, { surveyId: survey.id, score: 4, text: `${externalId} says hi` });
  const { id } = (await response.json()) as { id: string };
  expect((await kit.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: `Hello ${externalId}` } })).status).toBe(200);
  return { survey, token, id };
}

describe('POST /v1/visitor/feedback/replies/{responseId}/seen', () => {
  it('returns the reply it marked seen, and is safe to repeat', async () => {
    const { token, id } = await repliedResponse('user_seen');
    const first = await kit.seen(token, id);
    expect(first.status).toBe(200);
    expect(LoopReplySchema.parse(await first.json())).toMatchObject({ responseId: id, message: 'Hello user_seen', text: 'user_seen says hi', score: 4 });
    h.clock.advance(1000);
    expect((await kit.seen(token, id, true)).status).toBe(200);
    const { rows } = await h.store.query<{ reply_seen_at: Date; reply_acknowledged_at: Date }>(
      'SELECT reply_seen_at, reply_acknowledged_at FROM feedback_responses WHERE id = $1',
      [id],
    );
    expect(rows[0]?.reply_acknowledged_at.getTime()).toBe(rows[0]!.reply_seen_at.getTime() + 1000);
  });

  it('answers 404 for an unknown id and for a response without a reply', async () => {
    const token = await kit.visitor('user_seen_404');
    const survey = await kit.createSurvey();
    const plain = (await (await kit.respond(token, { surveyId: survey.id, score: 9 })).json()) as { id: string };
    for (const id of ['re_unknown', plain.id]) {
      const response = await kit.seen(token, id);
      expect(response.status).toBe(404);
      expect((await readError(response)).code).toBe('not_found');
    }
    expect((await h.call(`/v1/visitor/feedback/replies/${plain.id}/seen`, { site: kit.site, bearer: token, method: 'POST', body: {} })).status).toBe(422);
  });
});

describe('cross-visitor isolation on every feedback visitor endpoint', () => {
  it("never shows, marks or replays one visitor's feedback for another", async () => {
    const a = await repliedResponse('user_iso_a');
    const tokenB = await kit.visitor('user_iso_b');

    // Bootstrap: B never sees A's reply; A does.
    expect((await kit.feedback(tokenB)).replies).toEqual([]);
    expect((await kit.feedback(a.token)).replies.map((r) => r.responseId)).toEqual([a.id]);

    // Seen: B marking A's reply is a 404 indistinguishable from an unknown id, and A still has it.
    const stolen = await kit.seen(tokenB, a.id, true);
    const unknown = await kit.seen(tokenB, 're_never_existed');
    expect(stolen.status).toBe(404);
    expect((await readError(stolen)).message).toBe((await readError(unknown)).message);
    expect((await kit.feedback(a.token)).replies.map((r) => r.responseId)).toEqual([a.id]);

    // Responses: B reusing A's response id is a conflict, never a replay of A's answer.
    const replayAsB = await kit.respond(tokenB, { id: a.id, surveyId: a.survey.id, score: 4, text: 'user_iso_a says hi' });
    expect(replayAsB.status).toBe(409);
    expect(JSON.stringify(await replayAsB.json())).not.toContain('user_iso_a says hi');

    // Events: A's display does not count for B; B reusing A's event id is a conflict.
    const eventId = clientId();
    expect((await kit.event(a.token, { id: eventId, surveyId: a.survey.id, source: 'tab' })).status).toBe(200);
    expect((await kit.event(tokenB, { id: eventId, surveyId: a.survey.id })).status).toBe(409);
    expect((await kit.feedback(tokenB)).surveys.find((s) => s.id === a.survey.id)?.eligible).toBe(true);
    expect((await kit.feedback(a.token)).surveys.find((s) => s.id === a.survey.id)?.eligible).toBe(false);

    // Nothing in the body, query or headers selects another contact.
    const contactA = BootstrapResponseSchema.parse(await (await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: a.token })).json()).visitor.contactId;
    const spoof = await h.call('/v1/visitor/feedback/responses', {
      site: kit.site,
      bearer: tokenB,
      method: 'POST',
      body: { id: clientId(), surveyId: a.survey.id, score: 4, contactId: contactA },
    });
    expect(spoof.status).toBe(422);
    const viaQuery = await h.call(`/v1/visitor/feedback/replies/${a.id}/seen?contactId=${contactA}`, { site: kit.site, bearer: tokenB, method: 'POST', body: { acknowledged: true } });
    expect(viaQuery.status).toBe(422);
    const viaHeader = await h.call(`/v1/visitor/feedback/replies/${a.id}/seen`, {
      site: kit.site,
      bearer: tokenB,
      method: 'POST',
      body: { acknowledged: true },
      headers: { 'x-rapport-contact-id': contactA, 'x-rapport-external-id': 'user_iso_a' },
    });
    expect(viaHeader.status).toBe(404);
    expect((await kit.feedback(a.token)).replies).toHaveLength(1);
  });

  it('keeps sites apart: a token of another site is refused, and surveys of another site are unknown', async () => {
    const other = await createFeedbackKit(h);
    const foreignSurvey = await other.createSurvey();
    const ownToken = await kit.visitor('user_sites');
    expect((await kit.respond(ownToken, { surveyId: foreignSurvey.id, score: 5 })).status).toBe(404);
    expect((await kit.event(ownToken, { surveyId: foreignSurvey.id })).status).toBe(404);
    const otherToken = await other.visitor('user_sites');
    const crossed = await h.call('/v1/visitor/feedback/events', { site: kit.site, bearer: otherToken, method: 'POST', body: { id: clientId(), surveyId: foreignSurvey.id, type: 'display', source: 'tab' } });
    expect(crossed.status).toBe(401);
  });

  it('needs the publishable key and a visitor token, and refuses a secret key', async () => {
    const token = await kit.visitor('user_auth');
    const calls: Array<[string, unknown]> = [
      ['/v1/visitor/feedback/events', { id: clientId(), surveyId: 'svy_x', type: 'display', source: 'tab' }],
      ['/v1/visitor/feedback/responses', { id: clientId(), surveyId: 'svy_x', score: 5 }],
      ['/v1/visitor/feedback/replies/re_x/seen', { acknowledged: false }],
    ];
    for (const [path, body] of calls) {
      for (const auth of [{ site: kit.site }, { publishableKey: null, bearer: token }, { publishableKey: kit.site.secretKey, bearer: token }, { site: kit.site, bearer: kit.site.secretKey }]) {
        const response = await h.call(path, { method: 'POST', body, ...auth });
        expect(response.status, path).toBe(401);
      }
      const wrongOrigin = await h.call(path, { method: 'POST', body, site: kit.site, bearer: token, origin: 'https://evil.example.net' });
      expect(wrongOrigin.status).toBe(403);
    }
  });
});
