import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { createLoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { readLoyaltyCard } from './readLoyaltyCard.js';
import { settleDueAccounts } from './settleDueAccounts.js';

const DAY = 86_400_000;
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('settleDueAccounts', () => {
  it('posts pending points now available and writes off expired ones, so reads find nothing due; once', async () => {
    // No anniversary reward: it falls due the day the first lots expire, and this job does not grant rewards.
    const kit = await createLoyaltyKit(h, { ...DEMO_LOYALTY_PROGRAM, earn: { ...DEMO_LOYALTY_PROGRAM.earn, anniversary: 0 } });
    const siteId = kit.site.site.id;
    for (const id of ['set-a', 'set-b', 'set-c', 'set-d']) await kit.card(await kit.visitor(id));
    await kit.write('awards', { externalId: 'set-a', orderId: 'set-1', amount: 10, currency: 'GBP' });
    const read = (externalId: string) => readLoyaltyCard(h.store, { siteId, key: { externalId }, now: h.clock.now() });

    const settle = () => settleDueAccounts(h.store, { now: h.clock.now(), batchSize: 1 });
    expect(await settle()).toBe(0);
    h.clock.advance(15 * DAY);
    expect(await read('set-a')).toMatchObject({ status: 'due', due: ['pending'] });
    expect(await settle()).toBe(1);
    expect(await read('set-a')).toMatchObject({ status: 'ready', value: { balance: 150, pending: 0 } });
    expect(await settle()).toBe(0);

    // A year on, every welcome lot (and Ann's order) has expired: written off once, in batches of one.
    h.clock.advance(360 * DAY);
    expect(await read('set-b')).toMatchObject({ status: 'due', due: ['expiry'] });
    expect(await settle()).toBe(4);
    for (const id of ['set-a', 'set-b', 'set-c', 'set-d']) {
      expect(await read(id)).toMatchObject({ status: 'ready', value: { balance: 0 } });
      expect(await kit.ledgerSum(id)).toBe(0);
    }
    expect(await settle()).toBe(0);
    const expiries = (await kit.member('set-a')).ledger.filter((e) => e.type === 'expire');
    expect(expiries.map((e) => e.points).sort()).toEqual([-100, -50]);
  });
});
