import { BootstrapResponseSchema, FeedbackSettingsSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';
import { isSampledIn } from './isSampledIn.js';

let h: Harness;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function eligible(kit: FeedbackKit, token: string, surveyId: string): Promise<boolean | undefined> {
  return (await kit.feedback(token)).surveys.find((s) => s.id === surveyId)?.eligible;
}

describe('recontact rules, enforced from recorded events', () => {
  it('applies the per-survey cooldown after a display', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 7, maxDisplays: 10, stopAfterResponse: false } });
    const token = await kit.visitor('user_cooldown');
    expect(await eligible(kit, token, survey.id)).toBe(true);
    expect(await kit.display(token, survey.id)).toEqual({ accepted: true, reason: null });
    expect(await eligible(kit, token, survey.id)).toBe(false);
    h.clock.advance(7 * DAY - 1000);
    expect(await kit.display(token, survey.id, 'code')).toEqual({ accepted: false, reason: 'cooldown' });
    h.clock.advance(1000);
    expect(await eligible(kit, token, survey.id)).toBe(true);
    expect(await kit.display(token, survey.id)).toEqual({ accepted: true, reason: null });
  });

  it('counts a dismissal and a response for the cooldown', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 3, maxDisplays: 10, stopAfterResponse: false } });
    const dismisser = await kit.visitor('user_dismisser');
    expect((await kit.event(dismisser, { surveyId: survey.id, type: 'dismiss' })).status).toBe(200);
    expect(await kit.display(dismisser, survey.id)).toEqual({ accepted: false, reason: 'cooldown' });
    const answerer = await kit.visitor('user_answerer');
    expect((await kit.respond(answerer, { surveyId: survey.id, score: 8 })).status).toBe(201);
    expect(await eligible(kit, answerer, survey.id)).toBe(false);
    expect(await kit.display(answerer, survey.id)).toEqual({ accepted: false, reason: 'cooldown' });
    h.clock.advance(3 * DAY);
    expect(await kit.display(dismisser, survey.id)).toEqual({ accepted: true, reason: null });
    expect(await kit.display(answerer, survey.id)).toEqual({ accepted: true, reason: null });
  });

  it('stops after a response when the survey says so, whatever the time', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 10, stopAfterResponse: true } });
    const token = await kit.visitor('user_stop');
    expect((await kit.respond(token, { surveyId: survey.id, score: 10 })).status).toBe(201);
    h.clock.advance(400 * DAY);
    expect(await eligible(kit, token, survey.id)).toBe(false);
    expect(await kit.display(token, survey.id)).toEqual({ accepted: false, reason: 'responded' });
    expect(await kit.display(token, survey.id, 'tab')).toEqual({ accepted: true, reason: null });
  });

  it('caps displays at maxDisplays, counting tab displays too', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 3, stopAfterResponse: true } });
    const token = await kit.visitor('user_cap');
    expect(await kit.display(token, survey.id, 'trigger')).toMatchObject({ accepted: true });
    expect(await kit.display(token, survey.id, 'tab')).toMatchObject({ accepted: true });
    expect(await kit.display(token, survey.id, 'code')).toMatchObject({ accepted: true });
    expect(await kit.display(token, survey.id, 'trigger')).toEqual({ accepted: false, reason: 'max_displays' });
    expect(await eligible(kit, token, survey.id)).toBe(false);
    const { rows } = await h.store.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback_events WHERE survey_id = $1 AND type = 'display'", [survey.id]);
    expect(rows[0]?.n).toBe(3);
  });

  it('applies the global cooldown after a display of any survey, from the site setting', async () => {
    const kit = await createFeedbackKit(h);
    expect(FeedbackSettingsSchema.parse(await (await kit.admin('/feedback/settings')).json())).toEqual({ globalCooldownDays: 0 });
    const put = await kit.admin('/feedback/settings', { method: 'PUT', body: { globalCooldownDays: 5 } });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ globalCooldownDays: 5 });
    const a = await kit.createSurvey({ name: 'A', recontact: { cooldownDays: 0, maxDisplays: 10, stopAfterResponse: false } });
    const b = await kit.createSurvey({ name: 'B', recontact: { cooldownDays: 0, maxDisplays: 10, stopAfterResponse: false } });
    const token = await kit.visitor('user_global');
    expect(await kit.display(token, a.id)).toMatchObject({ accepted: true });
    expect(await eligible(kit, token, b.id)).toBe(false);
    expect(await kit.display(token, b.id)).toEqual({ accepted: false, reason: 'global_cooldown' });
    expect(await kit.display(token, b.id, 'tab')).toMatchObject({ accepted: true });
    h.clock.advance(5 * DAY);
    expect(await kit.display(token, b.id)).toMatchObject({ accepted: true });
    expect((await kit.admin('/feedback/settings', { method: 'PUT', body: { globalCooldownDays: 0 } })).status).toBe(200);
    expect(await kit.display(token, a.id)).toMatchObject({ accepted: true });
  });

  it('validates the settings', async () => {
    const kit = await createFeedbackKit(h);
    for (const body of [{ globalCooldownDays: -1 }, { globalCooldownDays: 366 }, { globalCooldownDays: 1.5 }, {}, { globalCooldownDays: 1, other: 1 }]) {
      const response = await kit.admin('/feedback/settings', { method: 'PUT', body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await readError(response)).code).toBe('validation_failed');
    }
  });

  it("keeps an anonymous visitor's history after they sign in (merge)", async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 30, maxDisplays: 10, stopAfterResponse: false } });
    const anon = BootstrapResponseSchema.parse(await (await h.call('/v1/visitor/bootstrap', { site: kit.site })).json());
    const anonToken = anon.visitor.anonymousToken ?? '';
    expect(await kit.display(anonToken, survey.id)).toMatchObject({ accepted: true });
    const known = await kit.visitor('user_signed_in');
    const merged = await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: known, headers: { 'x-rapport-anonymous-token': anonToken } });
    expect(BootstrapResponseSchema.parse(await merged.json()).widgets.feedback?.surveys[0]?.eligible).toBe(false);
    expect(await kit.display(known, survey.id)).toEqual({ accepted: false, reason: 'cooldown' });
  });
});

describe('sampling and the survey window in the bootstrap', () => {
  it('offers the survey to exactly the visitors whose bucket is inside the sample, the same way every time', async () => {
    const kit = await createFeedbackKit(h);
    const survey = await kit.createSurvey({ samplePercent: 50 });
    let inside = 0;
    for (let i = 0; i < 24; i += 1) {
      const token = await kit.visitor(`user_sample_${i}`);
      const boot = BootstrapResponseSchema.parse(await (await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: token })).json());
      const expected = await isSampledIn(survey.id, boot.visitor.contactId, 50);
      expect(boot.widgets.feedback?.surveys[0]?.eligible).toBe(expected);
      expect(await eligible(kit, token, survey.id)).toBe(expected);
      const display = await kit.display(token, survey.id);
      expect(display).toEqual(expected ? { accepted: true, reason: null } : { accepted: false, reason: 'not_sampled' });
      if (expected) inside += 1;
    }
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(24);
  });

  it('lists only active surveys inside their window, newest first, with their visitor fields', async () => {
    const kit = await createFeedbackKit(h);
    const now = h.clock.now().getTime();
    const older = await kit.createSurvey({ name: 'older', urlRules: [{ match: 'regex', value: '^/p/\\d+$' }], triggers: [{ type: 'timeOnPage', seconds: 30 }] });
    h.clock.advance(1000);
    await kit.createSurvey({ status: 'draft' });
    await kit.createSurvey({ status: 'closed' });
    await kit.createSurvey({ startsAt: new Date(now + DAY).toISOString() });
    await kit.createSurvey({ startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + 1000).toISOString() });
    const newer = await kit.createSurvey({ name: 'newer', kind: 'thumbs', startsAt: new Date(now + 1000).toISOString(), placement: 'tab' });
    const slot = await kit.feedback(await kit.visitor('user_window'));
    expect(slot.surveys.map((s) => s.id)).toEqual([newer.id, older.id]);
    expect(slot.surveys[1]).toEqual({
      id: older.id,
      kind: 'nps',
      question: 'How likely?',
      followUps: {},
      textMaxLength: 500,
      thankYou: 'Thank you for your feedback!',
      placement: 'inline',
      triggers: [{ type: 'timeOnPage', seconds: 30 }],
      urlRules: [{ match: 'regex', value: '^/p/\\d+$' }],
      allowContactRequest: false,
      eligible: true,
    });
    expect(slot.replies).toEqual([]);
  });

  it('gives no feedback slot when the site has the widget off', async () => {
    const off = await createTestSite(h.store, { enabledWidgets: ['loyalty'] });
    const response = await h.call('/v1/visitor/bootstrap', { site: off });
    expect(BootstrapResponseSchema.parse(await response.json()).widgets.feedback).toBeNull();
  });
});
