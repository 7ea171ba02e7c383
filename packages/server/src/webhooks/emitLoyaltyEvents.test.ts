import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { grantScheduledRewards } from '../loyalty/grantScheduledRewards.js';
import { createSilentLogger } from '../logger.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { failAfterWebhookEventStore } from '../testing/failAfterWebhookEventStore.js';
import { readWebhookEvents } from '../testing/readWebhookEvents.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const events = async (externalId: string) =>
  (await readWebhookEvents(h.store, kit.site.site.id)).filter((e) => (e.payload.data.contact as { externalId: string | null }).externalId === externalId);
const failingApp = () =>
  createApp({ store: failAfterWebhookEventStore(h.store), clock: h.clock.now, logger: createSilentLogger(), rateLimit: false });
const DAY = 86_400_000;

describe('loyalty webhook events', () => {
  it('writes loyalty.points.awarded for the welcome reward and each new award, none for a replay or a debit', async () => {
    const award = { externalId: 'wh_ly_award', orderId: 'o-1', amount: 12.34, currency: 'GBP' };
    expect((await kit.write('awards', award)).status).toBe(201);
    expect((await kit.write('awards', award)).status).toBe(200);
    await kit.write('adjustments', { externalId: 'wh_ly_award', key: 'bonus', points: 200, reason: 'Sorry for the wait' });
    await kit.write('adjustments', { externalId: 'wh_ly_award', key: 'bonus', points: 200, reason: 'Sorry for the wait' });
    await kit.write('adjustments', { externalId: 'wh_ly_award', key: 'fix', points: -10, reason: 'Correction' });
    const written = await events('wh_ly_award');
    expect(written.map((e) => e.type)).toEqual(['loyalty.points.awarded', 'loyalty.points.awarded', 'loyalty.points.awarded']);
    expect(written.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({ kind: 'welcome', points: 50, orderId: null, balance: 50 }),
      expect.objectContaining({
        kind: 'order',
        points: 123,
        orderId: 'o-1',
        balance: 50,
        availableAt: new Date(h.clock.now().getTime() + 14 * DAY).toISOString(),
      }),
      expect.objectContaining({ kind: 'adjust', points: 200, reason: 'Sorry for the wait', balance: 250 }),
    ]);
  });

  it('writes loyalty.reward.redeemed once per redemption id, none when refused', async () => {
    const token = await kit.visitor('wh_ly_redeem');
    await kit.card(token);
    await kit.write('adjustments', { externalId: 'wh_ly_redeem', key: 'top-up', points: 100, reason: 'Top up' });
    expect((await kit.redeem(token, 'espresso', 'redeem-wh-0001')).status).toBe(201);
    expect((await kit.redeem(token, 'espresso', 'redeem-wh-0001')).status).toBe(200);
    expect((await kit.redeem(token, 'class', 'redeem-wh-0002')).status).toBe(409);
    const redeemed = (await events('wh_ly_redeem')).filter((e) => e.type === 'loyalty.reward.redeemed');
    expect(redeemed.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({ rewardId: 'espresso', rewardName: 'Free espresso', points: 100, balance: 50 }),
    ]);
  });

  it('writes the birthday reward the scheduled job grants, once', async () => {
    const birthday = new Date(h.clock.now().getTime() + 2 * DAY).toISOString().slice(0, 10);
    expect((await kit.admin('/contacts/wh_ly_bday', { method: 'PUT', body: { traits: { birthday } } })).status).toBeLessThan(300);
    await kit.write('adjustments', { externalId: 'wh_ly_bday', key: 'join', points: 1, reason: 'Join' });
    h.clock.advance(2 * DAY);
    expect(await grantScheduledRewards(h.store, { now: h.clock.now() })).toBeGreaterThan(0);
    await grantScheduledRewards(h.store, { now: h.clock.now() });
    const kinds = (await events('wh_ly_bday')).map((e) => e.payload.data.kind);
    expect(kinds.filter((kind) => kind === 'birthday')).toHaveLength(1);
  });

  it('writes nothing when the award rolls back after its event', async () => {
    const award = { externalId: 'wh_ly_rollback', orderId: 'o-rb', amount: 10, currency: 'GBP' };
    const failed = await h.call('/v1/admin/loyalty/awards', { publishableKey: null, bearer: kit.site.secretKey, method: 'POST', body: award }, failingApp());
    expect(failed.status).toBe(500);
    expect(await events('wh_ly_rollback')).toEqual([]);
    expect(await kit.ledgerSum('wh_ly_rollback')).toBe(0);
  });
});
