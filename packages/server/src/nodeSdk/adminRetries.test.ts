import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { createAdminSdkKit, type AdminSdkKit } from '../testing/createAdminSdkKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

// What @rapport/node's retries do to the real server: a write whose connection drops is sent again with the same
// idempotency key and written once.
let h: Harness;
let sdk: AdminSdkKit;

beforeAll(async () => {
  h = await createHarness();
  sdk = await createAdminSdkKit(h);
  await sdk.admin.loyalty.putProgram(DEMO_LOYALTY_PROGRAM);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const sent = (path: string) => sdk.requests.filter((r) => new URL(r.url).pathname === path);
async function count(sql: string): Promise<number> {
  const { rows } = await h.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, [sdk.site.site.id]);
  return rows[0]?.n ?? 0;
}

describe('retries against the real server', () => {
  it('an award whose answer is lost twice is sent three times with the order id and written once', async () => {
    sdk.dropNext(2, 'after');
    const result = await sdk.admin.loyalty.award({ externalId: 'user_retry', orderId: 'o-retry', amount: 10, currency: 'GBP' });
    expect(result.entry.idempotencyKey).toBe('order:o-retry');
    expect(sent('/v1/admin/loyalty/awards').map((r) => r.idempotencyKey)).toEqual(['o-retry', 'o-retry', 'o-retry']);
    const member = await sdk.admin.loyalty.getMember('user_retry');
    expect(member.ledger.filter((entry) => entry.idempotencyKey === 'order:o-retry')).toHaveLength(1);
  });

  it('a keyed write whose answer is lost twice is replayed by the server from its key: one survey', async () => {
    const before = await count("surveys WHERE site_id = $1");
    sdk.dropNext(2, 'after');
    const survey = await sdk.admin.feedback.createSurvey({ name: 'Retried', kind: 'nps', question: 'How likely?', status: 'draft' });
    const keys = sent('/v1/admin/surveys').map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(await count("surveys WHERE site_id = $1")).toBe(before + 1);
    expect((await sdk.admin.feedback.listSurveys()).items.filter((s) => s.name === 'Retried').map((s) => s.id)).toEqual([survey.id]);
  });

  it('a fetch that fails twice before reaching the server, then succeeds, makes one write', async () => {
    sdk.dropNext(2, 'before');
    await sdk.admin.contacts.upsert('user_once', { traits: { plan: 'pro' } });
    expect(sent('/v1/admin/contacts/user_once')).toHaveLength(1);
  });

  it('never retries a write the server cannot deduplicate (a new secret key): the caller sees the network error', async () => {
    const before = await count('site_secret_keys WHERE site_id = $1');
    sdk.dropNext(1, 'after');
    await expect(sdk.admin.site.createSecretKey()).rejects.toMatchObject({ name: 'RapportError', code: 'network' });
    expect(sent('/v1/admin/site/secret-keys')).toHaveLength(1);
    expect(await count('site_secret_keys WHERE site_id = $1')).toBe(before + 1);
  });

  it('turns an answer the contract does not allow into a validation error', async () => {
    const tampered = sdk.makeAdmin({
      fetch: async (input, init) => {
        const response = await h.app.request(String(input), init);
        const body = (await response.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...body, globalCooldownDays: 'soon' }), { status: response.status, headers: response.headers });
      },
    });
    await expect(tampered.feedback.getSettings()).rejects.toMatchObject({ name: 'RapportError', code: 'validation', status: 200 });
  });
});
