import { SurveyListSchema, SurveyResultsSchema, SurveySchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
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

async function expect422(response: Response, path: (string | number)[]) {
  expect(response.status).toBe(422);
  const error = await readError(response);
  expect(error.code).toBe('validation_failed');
  expect(error.issues?.map((issue) => issue.path)).toContainEqual(path);
}

describe('POST /v1/admin/surveys', () => {
  it('creates a survey, filling every omitted field with its default', async () => {
    const response = await kit.admin('/surveys', { method: 'POST', body: { name: 'Minimal', kind: 'csat', question: 'Happy?' } });
    expect(response.status).toBe(201);
    const survey = SurveySchema.parse(await response.json());
    expect(survey).toEqual({
      id: expect.stringMatching(/^svy_/),
      status: 'draft',
      name: 'Minimal',
      kind: 'csat',
      question: 'Happy?',
      followUps: {},
      textMaxLength: 500,
      thankYou: 'Thank you for your feedback!',
      placement: 'inline',
      triggers: [],
      urlRules: [],
      samplePercent: 100,
      recontact: { cooldownDays: 90, maxDisplays: 3, stopAfterResponse: true },
      allowContactRequest: false,
      startsAt: null,
      endsAt: null,
      createdAt: h.clock.now().toISOString(),
      updatedAt: h.clock.now().toISOString(),
    });
  });

  it('keeps every field it is given', async () => {
    const body = {
      name: 'Full',
      kind: 'nps',
      question: 'Recommend us?',
      status: 'active',
      followUps: { negative: 'Why?', neutral: 'What would make it a 10?', positive: 'What do you love?' },
      textMaxLength: 280,
      thankYou: 'Thanks!',
      placement: 'popover',
      triggers: [{ type: 'event', name: 'checkout_completed' }, { type: 'scrollDepth', percent: 50 }, { type: 'exitIntent' }],
      urlRules: [{ match: 'contains', value: 'checkout' }, { match: 'regex', value: '^/orders/[0-9]+$' }],
      samplePercent: 12.5,
      recontact: { cooldownDays: 30, maxDisplays: 2, stopAfterResponse: false },
      allowContactRequest: true,
      startsAt: '2026-11-01T00:00:00.000Z',
      endsAt: '2026-12-01T00:00:00.000Z',
    } as const;
    const response = await kit.admin('/surveys', { method: 'POST', body });
    expect(response.status).toBe(201);
    const survey = SurveySchema.parse(await response.json());
    expect(survey).toMatchObject(body);
    const fetched = await kit.admin(`/surveys/${survey.id}`);
    expect(SurveySchema.parse(await fetched.json())).toEqual(survey);
  });

  it('creates once per Idempotency-Key', async () => {
    const before = await kit.count('surveys');
    const send = () => kit.admin('/surveys', { method: 'POST', body: { name: 'Once', kind: 'ces', question: 'Easy?' }, headers: { 'idempotency-key': 'create-survey-once' } });
    const [a, b] = [await send(), await send()];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await b.json()).toEqual(await a.json());
    expect(await kit.count('surveys')).toBe(before + 1);
  });

  it('refuses an invalid regex URL rule, a window that ends before it starts, and malformed bodies', async () => {
    const base = { name: 'Bad', kind: 'nps', question: 'Q?' };
    const before = await kit.count('surveys');
    await expect422(await kit.admin('/surveys', { method: 'POST', body: { ...base, urlRules: [{ match: 'exact', value: '/' }, { match: 'regex', value: '([a-z' }] } }), ['urlRules', 1, 'value']);
    for (const endsAt of ['2026-11-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z']) {
      await expect422(await kit.admin('/surveys', { method: 'POST', body: { ...base, startsAt: '2026-11-01T00:00:00.000Z', endsAt } }), ['endsAt']);
    }
    await expect422(await kit.admin('/surveys', { method: 'POST', body: { kind: 'nps', question: 'Q?' } }), ['name']);
    await expect422(await kit.admin('/surveys', { method: 'POST', body: { ...base, kind: 'stars' } }), ['kind']);
    await expect422(await kit.admin('/surveys', { method: 'POST', body: { ...base, samplePercent: 101 } }), ['samplePercent']);
    await expect422(await kit.admin('/surveys', { method: 'POST', body: { ...base, triggers: [{ type: 'timeOnPage' }] } }), ['triggers', 0, 'seconds']);
    await expect422(await kit.admin('/surveys', { method: 'POST', body: { ...base, recontact: { cooldownDays: 1, maxDisplays: 0, stopAfterResponse: true } } }), ['recontact', 'maxDisplays']);
    await expect422(await kit.admin('/surveys', { method: 'POST', body: { ...base, id: 'svy_mine' } }), ['id']);
    expect(await kit.count('surveys')).toBe(before);
  });
});

describe('GET and PATCH /v1/admin/surveys/{id}', () => {
  it('lists the surveys of the site only, newest first', async () => {
    const own = await createFeedbackKit(h);
    const first = await own.createSurvey({ name: 'first' });
    h.clock.advance(1000);
    const second = await own.createSurvey({ name: 'second' });
    await kit.createSurvey({ name: 'someone else' });
    const list = SurveyListSchema.parse(await (await own.admin('/surveys')).json());
    expect(list.items.map((s) => s.id)).toEqual([second.id, first.id]);
    expect((await kit.admin(`/surveys/${first.id}`)).status).toBe(404);
    expect((await kit.admin(`/surveys/${first.id}`, { method: 'PATCH', body: { name: 'x' } })).status).toBe(404);
    expect((await kit.admin(`/surveys/${first.id}/results`)).status).toBe(404);
    const missing = await kit.admin('/surveys/svy_missing');
    expect(missing.status).toBe(404);
    expect((await readError(missing)).code).toBe('not_found');
  });

  it('changes the given fields, keeps the others, and bumps updatedAt', async () => {
    const survey = await kit.createSurvey({ name: 'Before', startsAt: '2026-11-01T00:00:00.000Z' });
    h.clock.advance(5000);
    const response = await kit.admin(`/surveys/${survey.id}`, { method: 'PATCH', body: { name: 'After', status: 'closed', recontact: { cooldownDays: 1, maxDisplays: 1, stopAfterResponse: false }, endsAt: null } });
    expect(response.status).toBe(200);
    const updated = SurveySchema.parse(await response.json());
    expect(updated).toEqual({
      ...survey,
      name: 'After',
      status: 'closed',
      recontact: { cooldownDays: 1, maxDisplays: 1, stopAfterResponse: false },
      updatedAt: h.clock.now().toISOString(),
    });
  });

  it('checks the survey as a whole, and never changes the kind', async () => {
    const survey = await kit.createSurvey({ startsAt: '2026-11-10T00:00:00.000Z' });
    await expect422(await kit.admin(`/surveys/${survey.id}`, { method: 'PATCH', body: { endsAt: '2026-11-09T00:00:00.000Z' } }), ['endsAt']);
    await expect422(await kit.admin(`/surveys/${survey.id}`, { method: 'PATCH', body: { urlRules: [{ match: 'regex', value: '*' }] } }), ['urlRules', 0, 'value']);
    await expect422(await kit.admin(`/surveys/${survey.id}`, { method: 'PATCH', body: { kind: 'csat' } }), ['kind']);
    await expect422(await kit.admin('/surveys/x', { method: 'PATCH', body: { name: '' } }), ['name']);
    expect(SurveySchema.parse(await (await kit.admin(`/surveys/${survey.id}`)).json())).toEqual(survey);
  });
});

describe('GET /v1/admin/surveys/{id}/results', () => {
  it('computes the figures and the weekly trend from known data', async () => {
    const own = await createFeedbackKit(h);
    const start = h.clock.now();
    const survey = await own.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 100, stopAfterResponse: false } });
    // Two weeks ago: 4 displays, answers 10, 9, 6 (NPS 33.3). This week: 2 displays, answers 0 and 8 (NPS −50).
    const plan: Array<[number, number[], number]> = [[-14, [10, 9, 6], 4], [0, [0, 8], 2]];
    for (const [days, scores, displays] of plan) {
      h.clock.set(new Date(start.getTime() + days * DAY));
      for (let i = 0; i < displays; i += 1) {
        const token = await own.visitor(`user_results_${days}_${i}`);
        await own.display(token, survey.id);
        const score = scores[i];
        if (score !== undefined) expect((await own.respond(token, { surveyId: survey.id, score })).status).toBe(201);
      }
    }
    h.clock.set(new Date(start.getTime() + 3_600_000));
    const results = SurveyResultsSchema.parse(await (await own.admin(`/surveys/${survey.id}/results`)).json());
    expect(results).toMatchObject({
      displays: 6,
      responses: 5,
      responseRate: 0.833,
      nps: 0, // 2 promoters, 2 detractors of 5
      bands: { negative: 2, neutral: 1, positive: 2 },
    });
    expect(results.weekly).toHaveLength(12);
    expect(results.weekly[0]?.weekStart).toBe('2026-09-07');
    expect(results.weekly.slice(-3)).toEqual([
      { weekStart: '2026-11-09', displays: 4, responses: 3, score: 33.3 },
      { weekStart: '2026-11-16', displays: 0, responses: 0, score: null },
      { weekStart: '2026-11-23', displays: 2, responses: 2, score: -50 },
    ]);

    const lastWeekOnly = SurveyResultsSchema.parse(
      await (await own.admin(`/surveys/${survey.id}/results?from=2026-11-09T00:00:00.000Z&to=2026-11-16T00:00:00.000Z`)).json(),
    );
    expect(lastWeekOnly).toMatchObject({ displays: 4, responses: 3, nps: 33.3, weekly: [{ weekStart: '2026-11-09', displays: 4, responses: 3, score: 33.3 }] });
    h.clock.set(start);
  });

  it('validates the period', async () => {
    const survey = await kit.createSurvey();
    const results = (query: string) => kit.admin(`/surveys/${survey.id}/results${query}`);
    await expect422(await results('?from=2026-11-23T00:00:00.000Z&to=2026-11-23T00:00:00.000Z'), ['query', 'from']);
    await expect422(await results('?from=2000-01-01T00:00:00.000Z'), ['query', 'from']);
    await expect422(await results('?from=yesterday'), ['query', 'from']);
    await expect422(await results('?week=1'), ['query', 'week']);
    expect((await results('?from=2022-01-01T00:00:00.000Z')).status).toBe(200);
  });
});

describe('admin feedback routes need the secret key of the site', () => {
  it('answers 401 without a key, with a publishable key, or with a visitor token', async () => {
    const survey = await kit.createSurvey();
    const token = await kit.visitor('user_not_admin');
    const routes: Array<[string, string, unknown?]> = [
      ['POST', '/v1/admin/surveys', { name: 'n', kind: 'nps', question: 'q' }],
      ['GET', '/v1/admin/surveys'],
      ['GET', `/v1/admin/surveys/${survey.id}`],
      ['PATCH', `/v1/admin/surveys/${survey.id}`, { name: 'n' }],
      ['GET', `/v1/admin/surveys/${survey.id}/results`],
      ['GET', '/v1/admin/feedback/responses'],
      ['PATCH', '/v1/admin/feedback/responses/re_x', { status: 'resolved' }],
      ['GET', '/v1/admin/feedback/contact-requests'],
      ['GET', '/v1/admin/feedback/settings'],
      ['PUT', '/v1/admin/feedback/settings', { globalCooldownDays: 1 }],
    ];
    for (const [method, path, body] of routes) {
      for (const auth of [{ publishableKey: null }, { site: kit.site }, { publishableKey: null, bearer: kit.site.publishableKey }, { site: kit.site, bearer: token }]) {
        const response = await h.call(path, { method, ...auth, ...(body ? { body } : {}) });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect((await readError(response)).code).toBe('unauthorized');
      }
    }
    const other = await createTestSite(h.store);
    const foreign = await h.call(`/v1/admin/surveys/${survey.id}`, { publishableKey: null, bearer: other.secretKey });
    expect(foreign.status).toBe(404);
    expect(await kit.count('surveys')).toBeGreaterThan(0);
  });
});
