import { RapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { createRapportAdmin } from './createRapportAdmin.js';

// The client over a scripted fetch: what it sends, how it retries, how it checks answers. The same calls against
// the real server are in packages/server/src/nodeSdk.

interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function scripted(answers: Array<Response | Error | ((sent: Sent) => Response)>) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = { method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers), body: init?.body ? JSON.parse(String(init.body)) : undefined };
    sent.push(request);
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(request) : next;
  };
  const admin = createRapportAdmin({ baseUrl: 'https://api.example.com/', secretKey: 'sk_test_123', fetch, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  return { admin, sent };
}

const entry = {
  entry: {
    id: 'le_1',
    type: 'earn',
    points: 10,
    reason: 'Order #1',
    idempotencyKey: 'order_1',
    createdAt: '2026-11-23T09:00:00.000Z',
    availableAt: '2026-11-30T09:00:00.000Z',
    expiresAt: null,
  },
  clampedFrom: null,
};

describe('createRapportAdmin', () => {
  it('refuses a publishable key or a missing base URL', () => {
    expect(() => createRapportAdmin({ baseUrl: 'https://api.example.com', secretKey: 'pk_live_1' })).toThrow(/secret key/);
    expect(() => createRapportAdmin({ baseUrl: 'api.example.com', secretKey: 'sk_1' })).toThrow(/baseUrl/);
  });

  it('sends the secret key, JSON and the path parameters encoded', async () => {
    const { admin, sent } = scripted([json(200, { externalId: 'a/b' })]);
    await admin.contacts.get('a/b').catch(() => undefined);
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'https://api.example.com/v1/admin/contacts/a%2Fb' });
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer sk_test_123');
  });

  it('turns a malformed answer into a RapportError with code validation, never a wrong object', async () => {
    const { admin } = scripted([json(200, { surprise: true })]);
    const error = await admin.loyalty.getProgram().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RapportError);
    expect(error).toMatchObject({ code: 'validation', status: 200 });
  });

  it('checks input against the contract before sending anything', async () => {
    const { admin, sent } = scripted([]);
    // @ts-expect-error: points must be a number
    const error = await admin.loyalty.adjust({ externalId: 'u', key: 'k', points: 'ten', reason: 'r' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation' });
    await expect(admin.loyalty.listMembers({ limit: 1000 })).rejects.toMatchObject({ code: 'validation' });
    await expect(admin.contacts.get('')).rejects.toMatchObject({ code: 'validation' });
    expect(sent).toEqual([]);
  });

  it('uses the order id as the idempotency key of an award and retries network errors, 429 and 5xx with it', async () => {
    const { admin, sent } = scripted([new TypeError('fetch failed'), json(429, {}, { 'retry-after': '0' }), json(503, {}), json(201, entry)]);
    const result = await admin.loyalty.award({ externalId: 'user_ada', orderId: 'order_1', amount: 10 });
    expect(result.entry.idempotencyKey).toBe('order_1');
    expect(sent.map((s) => s.headers.get('idempotency-key'))).toEqual(['order_1', 'order_1', 'order_1', 'order_1']);
  });

  it('keeps one generated key across the retries of a write, a new one per call', async () => {
    const settings = { globalCooldownDays: 7 };
    const { admin, sent } = scripted([json(502, {}), json(200, settings), json(200, settings)]);
    await admin.feedback.putSettings(settings);
    await admin.feedback.putSettings(settings);
    const keys = sent.map((s) => s.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('sends a write the server cannot deduplicate once, and does not retry a 4xx', async () => {
    const { admin, sent } = scripted([json(503, {}), json(409, { error: { code: 'conflict', message: 'no', requestId: 'req_1' } })]);
    await expect(admin.site.createSecretKey()).rejects.toMatchObject({ code: 'http', status: 503 });
    await expect(admin.feedback.putSettings({ globalCooldownDays: 1 })).rejects.toMatchObject({ code: 'conflict', status: 409, requestId: 'req_1' });
    expect(sent).toHaveLength(2);
  });

  it('follows cursors over every page, lazily', async () => {
    const member = (n: number) => ({ externalId: `m${n}`, name: null, balance: n, pending: 0, lifetimePoints: n, tierName: 'Bronze', joinedAt: '2026-11-23T09:00:00.000Z', lastActivityAt: null });
    const { admin, sent } = scripted([
      (s) => json(200, { members: [member(1), member(2)], nextCursor: s.url.includes('cursor') ? 'bad' : 'c1' }),
      json(200, { members: [member(3), member(4)], nextCursor: 'c2' }),
      json(200, { members: [member(5)], nextCursor: null }),
    ]);
    const seen: string[] = [];
    for await (const m of admin.loyalty.members({ limit: 2 })) seen.push(m.externalId);
    expect(seen).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(sent.map((s) => new URL(s.url).search)).toEqual(['?limit=2', '?limit=2&cursor=c1', '?limit=2&cursor=c2']);
  });
});
