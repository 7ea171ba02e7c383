import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../logger.js';
import { startMaintenance } from '../maintenance/startMaintenance.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { celebrationMonthDays, grantScheduledRewards } from './grantScheduledRewards.js';

let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function setTraits(externalId: string, traits: Record<string, string>) {
  const response = await kit.admin(`/contacts/${externalId}`, { method: 'PUT', body: { traits } });
  expect([200, 201]).toContain(response.status);
}

/** The automatic grants of a member, as `kind:year` (welcome without a year). */
async function grants(externalId: string): Promise<string[]> {
  const { ledger } = await kit.member(externalId);
  return ledger
    .map((entry) => entry.idempotencyKey.replace(/:la_\w+/, ''))
    .filter((key) => /^(welcome|birthday|anniversary)/.test(key))
    .sort();
}

const run = (iso: string) => grantScheduledRewards(h.store, { now: new Date(iso), batchSize: 2 });

describe('grantScheduledRewards', () => {
  it('grants each birthday on the day without a visit, once, and the card celebrates it next time it is seen', async () => {
    h.clock.set(new Date('2026-03-10T09:00:00Z'));
    await setTraits('sched-ada', { birthday: '1990-04-02' });
    await setTraits('sched-bob', { birthday: '04-03' });
    await setTraits('sched-cy', { birthday: '1985-09-15' });
    const tokens = await Promise.all(['sched-ada', 'sched-bob', 'sched-cy', 'sched-dee'].map((id) => kit.visitor(id)));
    for (const token of tokens) expect((await kit.card(token)).balance).toBe(50);
    // Dee's birthday becomes known only after she joined: the job reads it from her traits.
    await setTraits('sched-dee', { birthday: '2001-04-04' });

    expect(await run('2026-03-31T23:00:00Z')).toBe(0);
    expect(await run('2026-04-04T06:00:00Z')).toBe(3);
    expect(await run('2026-04-04T07:00:00Z')).toBe(0);
    expect(await grants('sched-ada')).toEqual(['birthday:2026', 'welcome']);
    expect(await grants('sched-dee')).toEqual(['birthday:2026', 'welcome']);
    expect(await grants('sched-cy')).toEqual(['welcome']);

    h.clock.set(new Date('2026-04-05T09:00:00Z'));
    const card = await kit.card(tokens[0]!);
    expect(card).toMatchObject({ balance: 150, celebration: { kind: 'birthday', points: 100 } });
    expect(await grants('sched-ada')).toEqual(['birthday:2026', 'welcome']);
    expect(await kit.ledgerSum('sched-ada')).toBe(150);
  });

  it('grants the membership anniversary a year after joining, and nothing outside the window', async () => {
    expect(await run('2026-06-01T12:00:00Z')).toBe(0);
    expect(await run('2027-03-11T12:00:00Z')).toBe(4);
    for (const id of ['sched-ada', 'sched-bob', 'sched-cy', 'sched-dee']) expect(await grants(id)).toContain('anniversary:2027');
    expect(await run('2027-03-20T12:00:00Z')).toBe(0);
  });

  it('runs in the server\'s maintenance loop', async () => {
    h.clock.set(new Date('2027-03-20T09:00:00Z'));
    await setTraits('sched-eve', { birthday: '05-20' });
    await kit.card(await kit.visitor('sched-eve'));
    const clock = () => new Date('2027-05-21T08:00:00Z');
    const maintenance = startMaintenance({ store: h.store, intervalMs: 3_600_000, clock, logger: createSilentLogger() });
    try {
      await vi.waitFor(async () => expect(await grants('sched-eve')).toEqual(['birthday:2027', 'welcome']));
      expect(await maintenance.runNow()).toMatchObject({ loyaltyRewardsGranted: 0 });
    } finally {
      await maintenance.stop();
    }
  });

  it('lists every day of the window, with Feb 29 beside Feb 28 and Mar 1', () => {
    const days = celebrationMonthDays(new Date('2027-03-01T10:00:00Z'));
    expect(days).toContain('03-01');
    expect(days).toContain('02-29');
    expect(days).toContain('01-30');
    expect(days).not.toContain('01-29');
    expect(celebrationMonthDays(new Date('2026-07-15T00:00:00Z'))).not.toContain('02-29');
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(grantScheduledRewards(h.store, { now: new Date(), batchSize: -1 })).rejects.toThrow(RangeError);
  });
});
