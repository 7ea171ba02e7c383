import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64UrlEncodeText } from '../crypto/base64url.js';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: FeedbackKit;
let surveyId: string;
let responseId: string;
let token: string;

beforeAll(async () => {
  h = await createHarness();
  kit = await createFeedbackKit(h);
  surveyId = (await kit.createSurvey({ allowContactRequest: true })).id;
  token = await kit.visitor('user_hostile');
  const response = await kit.respond(token, { surveyId, score: 3 });
  responseId = ((await response.json()) as { id: string }).id;
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const NUL = '\u0000';
const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;

/** Raw bodies that are not what any route takes. */
const RAW_BODIES = ['null', '[]', '"text"', '123', '{', '{"a":1', deep, '{"__proto__":{"x":1}}', JSON.stringify({ [`k${NUL}`]: 1 })];

function hostileFields(valid: Record<string, unknown>): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [];
  for (const key of Object.keys(valid)) {
    for (const value of [null, 1e308, -0.5, 'x'.repeat(3000), `a${NUL}b`, '\ud800', [], {}, true, '<script>alert(1)</script>']) {
      variants.push({ ...valid, [key]: value });
    }
  }
  return variants;
}

describe('bad input on feedback routes is a 4xx, never a 5xx', () => {
  it('on the visitor routes', async () => {
    const routes: Array<[string, Record<string, unknown>]> = [
      ['/v1/visitor/feedback/events', { id: clientId(), surveyId, type: 'display', source: 'tab' }],
      ['/v1/visitor/feedback/responses', { id: clientId(), surveyId, score: 3, text: 'why', pageUrl: '/p', contactRequested: true, answeredAt: h.clock.now().toISOString() }],
      [`/v1/visitor/feedback/replies/${responseId}/seen`, { acknowledged: true }],
      [`/v1/visitor/feedback/replies/${encodeURIComponent(`re${NUL}x`)}/seen`, { acknowledged: true }],
      [`/v1/visitor/feedback/replies/${'r'.repeat(65)}/seen`, { acknowledged: true }],
    ];
    for (const [path, valid] of routes) {
      for (const body of RAW_BODIES) {
        const response = await h.call(path, { site: kit.site, bearer: token, method: 'POST', body });
        expect(response.status, `${path} ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${path} ${body.slice(0, 40)}`).toBeLessThan(500);
      }
      // Some of these are valid after all (a null text, markup as text): they may succeed, but never fail with a 5xx.
      for (const body of hostileFields(valid)) {
        const response = await h.call(path, { site: kit.site, bearer: token, method: 'POST', body });
        expect(response.status, `${path} ${JSON.stringify(body).slice(0, 120)}`).toBeLessThan(500);
      }
    }
  });

  it('on the admin routes', async () => {
    const bodies: Array<[string, string, Record<string, unknown>]> = [
      ['POST', '/surveys', { name: 'n', kind: 'nps', question: 'q', urlRules: [{ match: 'regex', value: '(' }], startsAt: '2026-01-01T00:00:00Z' }],
      ['PATCH', `/surveys/${surveyId}`, { name: 'n', question: 'q', thankYou: 't', followUps: { negative: 'x' }, endsAt: '2026-01-01T00:00:00Z' }],
      ['PATCH', `/feedback/responses/${responseId}`, { status: 'resolved', reply: 'r' }],
      ['PUT', '/feedback/settings', { globalCooldownDays: 1 }],
    ];
    for (const [method, path, valid] of bodies) {
      for (const body of RAW_BODIES) {
        const response = await kit.admin(path, { method, body });
        expect(response.status, `${method} ${path} ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${method} ${path} ${body.slice(0, 40)}`).toBeLessThan(500);
      }
      for (const body of hostileFields(valid)) {
        const response = await kit.admin(path, { method, body });
        expect(response.status, `${method} ${path} ${JSON.stringify(body).slice(0, 120)}`).toBeLessThan(500);
      }
    }
    const nulCursor = base64UrlEncodeText(JSON.stringify(['2026-11-23T09:00:00.000Z', `a${NUL}`]));
    const queries = [
      `/surveys/${encodeURIComponent(`svy${NUL}`)}`,
      `/surveys/${'s'.repeat(65)}/results`,
      `/surveys/${surveyId}/results?from=${encodeURIComponent(`2026${NUL}`)}`,
      `/surveys/${surveyId}/results?from=2026-01-01T00:00:00Z&to=1970-01-01T00:00:00Z`,
      `/feedback/responses?cursor=${nulCursor}`,
      `/feedback/responses?surveyId=${encodeURIComponent(NUL)}`,
      `/feedback/responses?from=9999-99-99T00:00:00Z`,
      `/feedback/contact-requests?cursor=${'A'.repeat(201)}`,
      `/feedback/responses/${encodeURIComponent(`re${NUL}`)}`,
    ];
    for (const path of queries) {
      const response = await kit.admin(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});
