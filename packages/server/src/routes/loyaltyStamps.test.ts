import { STAMP_REWARD_ID } from '@rapport/core';
import { BootstrapResponseSchema, MemberTokenSchema, RedemptionResultSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';

const DAY = 86_400_000;
let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h, { ...DEMO_LOYALTY_PROGRAM, approvalWindowDays: 0, stampCard: { size: 3, reward: 'A free flat white' } });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const purchase = (externalId: string, orderId: string) =>
  kit.write('awards', { externalId, orderId, amount: 1, currency: 'GBP' });

describe('stamp card', () => {
  it('fills with purchases, is claimed once per full card, and reversals take stamps back', async () => {
    const token = await kit.visitor('stamper');
    await kit.card(token);
    for (const order of ['s-1', 's-2']) await purchase('stamper', order);
    expect((await kit.card(token)).stamps).toEqual({ size: 3, collected: 2, ready: 0, reward: 'A free flat white' });
    const early = await kit.redeem(token, STAMP_REWARD_ID, 'stamp-claim-0');
    expect(early.status).toBe(409);
    expect((await readError(early)).code).toBe('insufficient_points');

    for (const order of ['s-3', 's-4']) await purchase('stamper', order);
    const before = await kit.card(token);
    expect(before.stamps).toMatchObject({ collected: 1, ready: 1 });
    const claim = await kit.redeem(token, STAMP_REWARD_ID, 'stamp-claim-1');
    expect(claim.status).toBe(201);
    const result = RedemptionResultSchema.parse(await claim.json());
    expect(result).toMatchObject({ rewardId: STAMP_REWARD_ID, rewardName: 'A free flat white', points: 0, balance: before.balance });
    expect(result.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect((await kit.redeem(token, STAMP_REWARD_ID, 'stamp-claim-1')).status).toBe(200);

    const after = await kit.card(token);
    expect(after.stamps).toMatchObject({ collected: 1, ready: 0 });
    expect(after.balance).toBe(before.balance);
    expect(after.history[0]).toMatchObject({ type: 'redeem', points: 0, reason: 'Redeemed: A free flat white' });
    expect((await readError(await kit.redeem(token, STAMP_REWARD_ID, 'stamp-claim-2'))).code).toBe('insufficient_points');

    // Refunding two orders after the claim: the card shows empty, never a negative count.
    await kit.write('reversals', { orderId: 's-3', reason: 'Refund' });
    await kit.write('reversals', { orderId: 's-4', reason: 'Refund' });
    expect((await kit.card(token)).stamps).toMatchObject({ collected: 0, ready: 0 });
  });

  it('reserves the stamp card reward id in the catalog', async () => {
    const rewards = [...DEMO_LOYALTY_PROGRAM.rewards, { id: STAMP_REWARD_ID, name: 'Clash', description: '', cost: 10 }];
    const response = await kit.admin('/loyalty/program', { method: 'PUT', body: { ...DEMO_LOYALTY_PROGRAM, rewards } });
    expect(response.status).toBe(422);
    expect((await readError(response)).issues?.[0]?.path).toEqual(['rewards', rewards.length - 1, 'id']);
  });

  it('answers 404 for a stamp claim when the program has no stamp card', async () => {
    const other = await createLoyaltyKit(h, { ...DEMO_LOYALTY_PROGRAM, stampCard: null });
    const token = await other.visitor('no-stamps');
    expect((await other.card(token)).stamps).toBeNull();
    expect((await other.redeem(token, STAMP_REWARD_ID, 'stamp-claim-9')).status).toBe(404);
  });
});

describe('stamps from orders in the approval window', () => {
  it('count once the award is available; cancelling a pending award takes its stamp back, never below zero', async () => {
    const waiting = await createLoyaltyKit(h, { ...DEMO_LOYALTY_PROGRAM, approvalWindowDays: 14, stampCard: { size: 3, reward: 'A free flat white' } });
    const buy = (orderId: string) => waiting.write('awards', { externalId: 'waiter', orderId, amount: 1, currency: 'GBP' });
    const token = await waiting.visitor('waiter');
    for (const order of ['w-1', 'w-2', 'w-3']) await buy(order);
    expect((await waiting.card(token)).stamps).toMatchObject({ collected: 0, ready: 0 });
    const early = await waiting.redeem(token, STAMP_REWARD_ID, 'waiting-claim-1');
    expect(early.status).toBe(409);
    expect((await readError(early)).code).toBe('insufficient_points');

    await waiting.write('reversals', { orderId: 'w-1', reason: 'Cancelled' });
    await waiting.write('reversals', { orderId: 'w-2', reason: 'Cancelled' });
    expect((await waiting.card(token)).stamps).toMatchObject({ collected: 0, ready: 0 });
    h.clock.advance(14 * DAY);
    // Each cancelled order and its reversal net out: one stamp, from w-3, not 3 - 2 or a negative count.
    expect((await waiting.card(token)).stamps).toMatchObject({ collected: 1, ready: 0 });

    for (const order of ['w-4', 'w-5']) await buy(order);
    expect((await readError(await waiting.redeem(token, STAMP_REWARD_ID, 'waiting-claim-2'))).code).toBe('insufficient_points');
    h.clock.advance(14 * DAY);
    expect((await waiting.card(token)).stamps).toMatchObject({ collected: 0, ready: 1 });
    expect((await waiting.redeem(token, STAMP_REWARD_ID, 'waiting-claim-3')).status).toBe(201);
    expect((await waiting.card(token)).stamps).toMatchObject({ collected: 0, ready: 0 });
  });
});

describe('loyalty in the bootstrap', () => {
  const boot = async (site: LoyaltyKit['site'], bearer?: string) => {
    const response = await h.call('/v1/visitor/bootstrap', { site, ...(bearer ? { bearer } : {}) });
    expect(response.status).toBe(200);
    return BootstrapResponseSchema.parse(await response.json()).widgets.loyalty;
  };

  it('carries the signed-in visitor’s card (joining on the way), no card for an anonymous visitor', async () => {
    const token = await kit.visitor('booted');
    const slot = await boot(kit.site, token);
    expect(slot).toMatchObject({ enabled: true, card: { pointsName: 'Beans', balance: 50, celebration: { kind: 'welcome' } } });
    expect(slot?.card).toEqual(await kit.card(token));
    expect(await boot(kit.site)).toEqual({ enabled: true, card: null });
  });

  it('is null while the site has no program', async () => {
    const site = await createTestSite(h.store);
    const token = await h.tokenFor(site, 'programless');
    expect(await boot(site, token)).toBeNull();
  });
});

describe('POST /v1/visitor/loyalty/member-token', () => {
  it('draws the QR code of the token on the server', async () => {
    const token = await kit.visitor('qr-member');
    const response = await kit.visit('/loyalty/member-token', token, { method: 'POST' });
    expect(response.status).toBe(200);
    const member = MemberTokenSchema.parse(await response.json());
    expect(member.token).toMatch(/^m1\./);
    // A version-v code is 17 + 4v modules wide; the path starts at the top-left finder pattern.
    expect((member.qr.size - 17) % 4).toBe(0);
    expect(member.qr.size).toBeGreaterThanOrEqual(21);
    expect(member.qr.path).toMatch(/^M0 0h7v1h-7z(M\d+ \d+h\d+v1h-\d+z)+$/);
  });
});
