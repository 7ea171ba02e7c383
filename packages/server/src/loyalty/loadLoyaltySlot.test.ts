import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findContactByExternalId } from '../contacts/contactQueries.js';
import { createLoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { loadLoyaltySlot } from './loadLoyaltySlot.js';

const DAY = 86_400_000;
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('loadLoyaltySlot', () => {
  it('reads plainly, runs the write path only when something is due, and tells when time alone changes the card', async () => {
    const kit = await createLoyaltyKit(h);
    const site = kit.site.site;
    await kit.card(await kit.visitor('slot-ann'));
    await kit.write('awards', { externalId: 'slot-ann', orderId: 'slot-1', amount: 10, currency: 'GBP' });
    const contact = (await findContactByExternalId(h.store, site.id, 'slot-ann'))!;
    let transactions = 0;
    const access = { db: h.store, transaction: <T,>(fn: Parameters<typeof h.store.transaction<T>>[0]) => (transactions++, h.store.transaction(fn)) };
    const slot = async () => {
      const instants: number[] = [];
      const now = h.clock.now();
      const answer = await loadLoyaltySlot(access, { site, contact, now, clock: h.clock.now, changesAt: (at) => instants.push(at) });
      return { answer, next: Math.min(...instants) - now.getTime() };
    };

    // The award becomes available after the 14-day approval window: the first instant the card changes by itself.
    const plain = await slot();
    expect(plain.answer).toMatchObject({ enabled: true, card: { balance: 50, pending: 100 } });
    expect(plain.next).toBe(14 * DAY);
    expect(transactions).toBe(0);

    h.clock.advance(15 * DAY);
    const settled = await slot();
    expect(settled.answer).toMatchObject({ enabled: true, card: { balance: 150, pending: 0 } });
    expect(transactions).toBe(1);
    expect(settled.next).toBe(1);
    expect((await slot()).answer).toEqual(settled.answer);
    expect(transactions).toBe(1);
  });
});
