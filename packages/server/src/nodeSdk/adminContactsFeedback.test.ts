import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminSdkKit, operationsOfDomains, type AdminSdkKit } from '../testing/createAdminSdkKit.js';
import { createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

// @rapport/node's contacts and feedback methods against the real app, in-process.
let h: Harness;
let sdk: AdminSdkKit;
let feedback: FeedbackKit;

beforeAll(async () => {
  h = await createHarness();
  sdk = await createAdminSdkKit(h);
  feedback = await createFeedbackKit(h, sdk.site);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function answer(externalId: string, body: Record<string, unknown>): Promise<string> {
  const response = await feedback.respond(await feedback.visitor(externalId), body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('admin.contacts', () => {
  it('upserts, gets, lists a page and iterates every contact over several pages', async () => {
    const { admin } = sdk;
    const created = await admin.contacts.upsert('user_c1', { traits: { plan: 'pro' }, locale: 'en-GB' });
    expect(created).toMatchObject({ externalId: 'user_c1', traits: { plan: 'pro' } });
    for (const n of [2, 3, 4, 5, 6, 7]) await admin.contacts.upsert(`user_c${n}`, {});
    expect(await admin.contacts.get('user_c1')).toMatchObject({ externalId: 'user_c1', locale: 'en-GB' });
    const page = await admin.contacts.list({ limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const before = sdk.called.filter((id) => id === 'listContacts').length;
    const ids: string[] = [];
    for await (const contact of admin.contacts.all({ limit: 2 })) ids.push(contact.externalId ?? '');
    expect(new Set(ids)).toEqual(new Set(['user_c1', 'user_c2', 'user_c3', 'user_c4', 'user_c5', 'user_c6', 'user_c7']));
    expect(sdk.called.filter((id) => id === 'listContacts').length - before).toBeGreaterThanOrEqual(4);
  });

  it('answers a missing contact with a RapportError not_found', async () => {
    await expect(sdk.admin.contacts.get('nobody')).rejects.toMatchObject({ name: 'RapportError', code: 'not_found', status: 404 });
  });
});

describe('admin.feedback', () => {
  it('creates, lists, gets and updates surveys, and reads the NPS results', async () => {
    const { admin } = sdk;
    const survey = await admin.feedback.createSurvey({ name: 'NPS', kind: 'nps', question: 'How likely?', status: 'active', triggers: [{ type: 'pageview' }] });
    expect((await admin.feedback.listSurveys()).items.map((s) => s.id)).toContain(survey.id);
    expect(await admin.feedback.getSurvey(survey.id)).toMatchObject({ id: survey.id, name: 'NPS' });
    expect(await admin.feedback.updateSurvey(survey.id, { name: 'NPS 2026' })).toMatchObject({ name: 'NPS 2026' });
    await answer('user_f1', { surveyId: survey.id, score: 10 });
    await answer('user_f2', { surveyId: survey.id, score: 9 });
    await answer('user_f3', { surveyId: survey.id, score: 3 });
    const results = await admin.feedback.getSurveyResults(survey.id, { to: new Date(h.clock.now().getTime() + 1000).toISOString() });
    expect(results).toMatchObject({ responses: 3 });
  });

  it('lists and iterates responses and contact requests, and replies to one', async () => {
    const { admin } = sdk;
    const survey = await admin.feedback.createSurvey({
      name: 'Support',
      kind: 'nps',
      question: 'How likely?',
      status: 'active',
      allowContactRequest: true,
      triggers: [{ type: 'pageview' }],
    });
    const ids = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await answer(`user_r${n}`, { surveyId: survey.id, score: n, contactRequested: n % 2 === 1 }));
    const page = await admin.feedback.listResponses({ surveyId: survey.id, limit: 2 });
    expect(page.items).toHaveLength(2);
    const all = [];
    for await (const response of admin.feedback.responses({ surveyId: survey.id, limit: 2 })) all.push(response.id);
    expect(all.sort()).toEqual([...ids].sort());
    const requests = await admin.feedback.listContactRequests({ surveyId: survey.id, limit: 1 });
    expect(requests.items).toHaveLength(1);
    const requested = [];
    for await (const response of admin.feedback.contactRequests({ surveyId: survey.id, limit: 1 })) requested.push(response.id);
    expect(requested).toHaveLength(3);
    const replied = await admin.feedback.updateResponse(ids[0]!, { reply: 'Sorry — we fixed it on 3 May.', status: 'resolved' });
    expect(replied).toMatchObject({ id: ids[0], status: 'resolved' });
  });

  it('reads and writes the feedback settings', async () => {
    expect(await sdk.admin.feedback.putSettings({ globalCooldownDays: 21 })).toEqual({ globalCooldownDays: 21 });
    expect(await sdk.admin.feedback.getSettings()).toEqual({ globalCooldownDays: 21 });
  });
});

describe('coverage of this suite', () => {
  it('called every contacts and feedback operation', () => {
    expect(operationsOfDomains('contacts', 'feedback').filter((id) => !sdk.called.includes(id))).toEqual([]);
  });
});
