import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { createOwnerKit, staffInput } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { failAfterWebhookEventStore } from '../testing/failAfterWebhookEventStore.js';
import { countWebhookEvents, readWebhookEvents } from '../testing/readWebhookEvents.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: FeedbackKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createFeedbackKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const failingApp = () =>
  createApp({ store: failAfterWebhookEventStore(h.store), clock: h.clock.now, logger: createSilentLogger(), rateLimit: false });
const events = (type?: Parameters<typeof readWebhookEvents>[2]) => readWebhookEvents(h.store, kit.site.site.id, type);

describe('feedback webhook events', () => {
  it('writes feedback.response.created once per stored response, from the stored row; a replay writes none', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('wh_fb_created');
    const body = { id: clientId('re'), surveyId: survey.id, score: 9, text: 'Great', pageUrl: 'https://shop.example.com/cart' };
    expect((await kit.respond(token, body)).status).toBe(201);
    const [created, ...more] = await events('feedback.response.created');
    expect(more).toEqual([]);
    expect(created?.payload.data).toMatchObject({
      responseId: body.id,
      surveyId: survey.id,
      surveyKind: 'nps',
      score: 9,
      band: 'positive',
      text: 'Great',
      contactRequested: false,
      pageUrl: 'https://shop.example.com/cart',
      contact: { externalId: 'wh_fb_created' },
    });
    expect(created?.payload.timestamp).toBe(h.clock.now().toISOString());
    expect((await events('feedback.contact_requested')).length).toBe(0);

    expect((await kit.respond(token, body)).status).toBe(200);
    expect((await events('feedback.response.created')).length).toBe(1);
  });

  it('adds feedback.contact_requested and owner.contact_requested (naming the owner) when the visitor asks to be contacted', async () => {
    const owners = await createOwnerKit(h);
    const feedback = await createFeedbackKit(h, owners.site);
    await owners.putStaff('maya', staffInput());
    expect((await owners.touch('wh_fb_call', 'maya')).status).toBe(201);
    const survey = await feedback.createSurvey({ allowContactRequest: true });
    const token = await feedback.visitor('wh_fb_call');
    const body = { id: clientId('re'), surveyId: survey.id, score: 2, text: 'Call me', contactRequested: true };
    expect((await feedback.respond(token, body)).status).toBe(201);
    expect((await feedback.respond(token, body)).status).toBe(200);
    const siteId = owners.site.site.id;
    expect(await countWebhookEvents(h.store, siteId)).toEqual({
      'owner.assigned': 1,
      'feedback.response.created': 1,
      'feedback.contact_requested': 1,
      'owner.contact_requested': 1,
    });
    const [requested] = await readWebhookEvents(h.store, siteId, 'feedback.contact_requested');
    const [created] = await readWebhookEvents(h.store, siteId, 'feedback.response.created');
    expect(requested?.payload.data).toEqual(created?.payload.data);
    const [forOwner] = await readWebhookEvents(h.store, siteId, 'owner.contact_requested');
    expect(forOwner?.payload.data).toMatchObject({ ownerId: 'maya', responseId: body.id, surveyId: survey.id, contact: { externalId: 'wh_fb_call' } });
  });

  it('writes feedback.reply.seen on the first look at each reply only', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 30, maxDisplays: 5, stopAfterResponse: false } });
    const token = await kit.visitor('wh_fb_seen');
    const id = clientId('re');
    expect((await kit.respond(token, { id, surveyId: survey.id, score: 4 })).status).toBe(201);
    expect((await kit.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: 'Thanks' } })).status).toBe(200);
    const seenBefore = (await events('feedback.reply.seen')).length;
    expect((await kit.seen(token, id)).status).toBe(200);
    h.clock.advance(1000);
    expect((await kit.seen(token, id, true)).status).toBe(200);
    const seen = (await events('feedback.reply.seen')).slice(seenBefore);
    expect(seen.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({ responseId: id, surveyId: survey.id, acknowledged: false, contact: expect.objectContaining({ externalId: 'wh_fb_seen' }) }),
    ]);
    // A new reply shows again: its first look is a new event.
    expect((await kit.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: 'And more' } })).status).toBe(200);
    expect((await kit.seen(token, id, true)).status).toBe(200);
    expect((await events('feedback.reply.seen')).slice(seenBefore).map((e) => e.payload.data.acknowledged)).toEqual([false, true]);
  });

  it('writes nothing for a refused answer, and nothing when the transaction rolls back after the event', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('wh_fb_rollback');
    const before = await events();
    expect((await kit.respond(token, { surveyId: survey.id, score: 42 })).status).toBe(422);
    const body = { id: clientId('re'), surveyId: survey.id, score: 3 };
    const failed = await h.call('/v1/visitor/feedback/responses', { site: kit.site, bearer: token, method: 'POST', body }, failingApp());
    expect(failed.status).toBe(500);
    expect(await events()).toEqual(before);
    const { rows } = await h.store.query('SELECT 1 FROM feedback_responses WHERE id = $1', [body.id]);
    expect(rows).toEqual([]);
    // The same answer, sent again, is stored with its one event.
    expect((await kit.respond(token, body)).status).toBe(201);
    expect((await events()).length).toBe(before.length + 1);
  });
});
