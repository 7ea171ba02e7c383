import { BootstrapResponseSchema, RedemptionResultSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, readError, type Harness } from '../testing/testHarness.js';

const DAY = 86_400_000;
let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function fund(externalId: string, points: number, key: string) {
  await kit.write('adjustments', { externalId, key, points, reason: 'Test funds' });
}

describe('GET /v1/visitor/loyalty', () => {
  it('refuses anonymous visitors and requests without a token', async () => {
    const boot = BootstrapResponseSchema.parse(await (await h.call('/v1/visitor/bootstrap', { site: kit.site })).json());
    const anonymous = boot.visitor.anonymousToken!;
    expect((await kit.visit('/loyalty', anonymous)).status).toBe(403);
    expect((await kit.redeem(anonymous, 'espresso', 'anon-redeem-1')).status).toBe(403);
    expect((await h.call('/v1/visitor/loyalty', { site: kit.site })).status).toBe(401);
  });

  it('joins on first read with the welcome points once, and celebrates until seen', async () => {
    const token = await kit.visitor('welcome');
    const first = await kit.card(token);
    expect(first).toMatchObject({ pointsName: 'Beans', balance: 50, pending: 0, celebration: { kind: 'welcome', points: 50 } });
    expect(first.tier).toMatchObject({ name: 'Green', next: { name: 'Gold', pointsNeeded: 450 }, progress: 0.1 });
    expect(first.referralCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(first.rewards.find((r) => r.id === 'espresso')).toMatchObject({ cost: 100, gap: 50 });
    expect(first.history).toEqual([expect.objectContaining({ type: 'earn', points: 50, reason: 'Welcome to Beans', pending: false })]);
    expect((await kit.card(token)).balance).toBe(50);
    const seen = await kit.visit('/loyalty/celebrations/seen', token, { method: 'POST' });
    expect(seen.status).toBe(200);
    expect((await kit.card(token)).celebration).toBeNull();
  });

  it('grants birthday and anniversary rewards once a year each (pinned clock)', async () => {
    h.clock.set(new Date('2026-03-10T09:00:00Z'));
    const put = await kit.admin('/contacts/bday', { method: 'PUT', body: { traits: { birthday: '1990-04-02' } } });
    expect([200, 201]).toContain(put.status);
    const token = await kit.visitor('bday');
    expect((await kit.card(token)).balance).toBe(50);

    h.clock.set(new Date('2026-04-05T09:00:00Z'));
    let card = await kit.card(token);
    expect(card).toMatchObject({ balance: 150, celebration: { kind: 'birthday', points: 100 } });
    h.clock.advance(DAY);
    expect((await kit.card(token)).balance).toBe(150);

    h.clock.set(new Date('2027-03-12T09:00:00Z'));
    card = await kit.card(token);
    expect(card).toMatchObject({ celebration: { kind: 'anniversary', points: 150 } });
    // The welcome points of 2026-03-10 expired on 2027-03-10: the same read writes their `expire` entry.
    expect(card.history.slice(0, 2).map((e) => e.reason).sort()).toEqual(['1 year with us', 'Beans expired']);
    expect((await kit.card(token)).history.filter((e) => e.reason === '1 year with us')).toHaveLength(1);

    h.clock.set(new Date('2027-04-02T10:00:00Z'));
    await kit.card(token);
    const keys = (await kit.member('bday')).ledger.map((e) => e.idempotencyKey.replace(/la_\w+:/, ''));
    expect(keys.filter((k) => k.startsWith('birthday:'))).toEqual(['birthday:2026', 'birthday:2027']);
    expect(keys.filter((k) => k.startsWith('anniversary:'))).toEqual(['anniversary:2027']);
    expect(keys.filter((k) => k.startsWith('welcome:'))).toHaveLength(1);
  });

  it('shows tier progress, stamps and pending points from purchases', async () => {
    const token = await kit.visitor('grace');
    await kit.card(token);
    await kit.write('awards', { externalId: 'grace', orderId: 'g-1', points: 400 });
    await kit.write('awards', { externalId: 'grace', orderId: 'g-2', amount: 3, currency: 'GBP' });
    let card = await kit.card(token);
    // The purchase's stamp, like its points, waits for the approval window.
    expect(card).toMatchObject({ balance: 50, pending: 430, stamps: { collected: 0, size: 9, reward: 'Your 10th coffee is on us' } });
    expect(card.history.filter((e) => e.pending)).toHaveLength(2);
    h.clock.advance(14 * DAY);
    card = await kit.card(token);
    expect(card).toMatchObject({ balance: 480, pending: 0, lifetimePoints: 480, stamps: { collected: 1 } });
    expect(card.tier).toMatchObject({ name: 'Green', next: { name: 'Gold', threshold: 500, pointsNeeded: 20 }, pointsToKeep: 0, keepBy: null });
    // Welcome and both awards were earned at the same instant, so they expire together.
    expect(card.nextExpiry?.points).toBe(480);
  });
});

describe('POST /v1/visitor/loyalty/redemptions', () => {
  it('redeems once per client id, conflicts on another reward and refuses what the balance cannot pay', async () => {
    const token = await kit.visitor('spender');
    await kit.card(token);
    await fund('spender', 100, 'spender-fund');
    const first = await kit.redeem(token, 'espresso', 'redeem-0001');
    expect(first.status).toBe(201);
    const result = RedemptionResultSchema.parse(await first.json());
    expect(result).toMatchObject({ rewardId: 'espresso', points: 100, balance: 50, instruction: 'Show this code at the till.' });
    expect(result.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const again = await kit.redeem(token, 'espresso', 'redeem-0001');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(result);
    expect((await readError(await kit.redeem(token, 'bag', 'redeem-0001'))).code).toBe('idempotency_conflict');
    const short = await kit.redeem(token, 'espresso', 'redeem-0002');
    expect(short.status).toBe(409);
    expect((await readError(short)).code).toBe('insufficient_points');
    expect((await kit.redeem(token, 'no-such', 'redeem-0003')).status).toBe(404);
    const card = await kit.card(token);
    expect(card.balance).toBe(50);
    expect(card.history[0]).toMatchObject({ type: 'redeem', points: -100, reason: 'Redeemed: Free espresso' });
    expect(await kit.ledgerSum('spender')).toBe(50);
  });

  it('does not let pending points be spent', async () => {
    const token = await kit.visitor('patient');
    await kit.card(token);
    await kit.write('awards', { externalId: 'patient', orderId: 'p-1', amount: 100, currency: 'GBP' });
    expect((await kit.card(token)).pending).toBe(1000);
    expect((await readError(await kit.redeem(token, 'espresso', 'pending-0001'))).code).toBe('insufficient_points');
  });

  it('keeps visitors apart: ids, cards and redemptions are per visitor', async () => {
    const ada = await kit.visitor('iso-ada');
    const bob = await kit.visitor('iso-bob');
    await kit.card(ada);
    await fund('iso-ada', 950, 'iso-fund');
    const adas = RedemptionResultSchema.parse(await (await kit.redeem(ada, 'espresso', 'shared-id-01')).json());
    const bobs = await kit.redeem(bob, 'espresso', 'shared-id-01');
    expect(bobs.status).toBe(409);
    const bobCard = await kit.card(bob);
    expect(bobCard.balance).toBe(50);
    expect(bobCard.history.some((e) => e.id === adas.id)).toBe(false);
    expect((await kit.card(ada)).balance).toBe(900);
  });
});
