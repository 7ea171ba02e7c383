import type { LoyaltyProgramInput } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

// Green 0, Gold 500, Roaster's Circle 1500, with retention; no automatic rewards and no approval window, so
// every figure below is the awards' own.
const PROGRAM: LoyaltyProgramInput = {
  ...DEMO_LOYALTY_PROGRAM,
  earn: { ...DEMO_LOYALTY_PROGRAM.earn, welcome: 0, birthday: 0, anniversary: 0 },
  approvalWindowDays: 0,
};

let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h, PROGRAM);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** Sets the clock to 09:00 UTC on `day` and awards `points` to `externalId` as order `orderId`. */
async function earnOn(target: LoyaltyKit, day: string, externalId: string, orderId: string, points: number) {
  h.clock.set(new Date(`${day}T09:00:00.000Z`));
  await target.write('awards', { externalId, orderId, points });
}
/** The member's tier (admin view) at 09:00 UTC on `day`. */
const tierOn = async (day: string, externalId: string, target = kit) => {
  h.clock.set(new Date(`${day}T09:00:00.000Z`));
  return (await target.member(externalId)).summary.tier;
};
const at = (day: string) => `${day}T09:00:00.000Z`;

describe('tier retention', () => {
  it('keeps a tier through the grace year, and by earning after it; keepBy and pointsToKeep say how', async () => {
    await earnOn(kit, '2026-01-15', 'kept', 'kept-1', 400);
    await earnOn(kit, '2026-07-15', 'kept', 'kept-2', 200);
    // Gold reached on 15 July 2026: kept for a year whatever is earned; then 500 in the last 12 months keep it.
    expect(await tierOn('2026-07-15', 'kept')).toEqual({
      name: 'Gold',
      perks: 'Free oat milk and a monthly tasting.',
      next: { name: 'Roaster’s Circle', threshold: 1500, pointsNeeded: 900 },
      progress: 0.1,
      pointsToKeep: 500,
      keepBy: at('2027-07-15'),
    });
    // The 400 of January 2026 have aged out (200 in the last year), but the grace year still holds.
    expect(await tierOn('2027-03-01', 'kept')).toMatchObject({ name: 'Gold', pointsToKeep: 500, keepBy: at('2027-07-15') });
    await earnOn(kit, '2027-03-01', 'kept', 'kept-3', 100);
    expect(await tierOn('2027-03-01', 'kept')).toMatchObject({ name: 'Gold', pointsToKeep: 400, keepBy: at('2027-07-15') });
    await earnOn(kit, '2027-06-01', 'kept', 'kept-4', 400);
    // 500 earned since 15 July 2026 carry Gold past the grace year, until the 100 of March age out.
    expect(await tierOn('2027-06-01', 'kept')).toMatchObject({ name: 'Gold', pointsToKeep: 100, keepBy: at('2028-03-01') });
    expect(await tierOn('2027-08-01', 'kept')).toMatchObject({ name: 'Gold', pointsToKeep: 100, keepBy: at('2028-03-01') });
    const token = await kit.visitor('kept');
    expect((await kit.card(token)).tier).toEqual(await tierOn('2027-08-01', 'kept'));
  });

  it('demotes once the grace year is over without earning, and takes the member back on what they earn', async () => {
    await earnOn(kit, '2026-01-15', 'lapsed', 'lapsed-1', 400);
    await earnOn(kit, '2026-07-15', 'lapsed', 'lapsed-2', 200);
    expect(await tierOn('2027-07-14', 'lapsed')).toMatchObject({ name: 'Gold', keepBy: at('2027-07-15') });
    h.clock.set(new Date(at('2027-07-15')));
    const { summary } = await kit.member('lapsed');
    expect(summary.lifetimePoints).toBe(600);
    // Lifetime points are past Gold already: what counts to climb back is the last 12 months' (none).
    expect(summary.tier).toEqual({
      name: 'Green',
      perks: 'Free refills on filter coffee.',
      next: { name: 'Gold', threshold: 500, pointsNeeded: 500 },
      progress: 0,
      pointsToKeep: 0,
      keepBy: null,
    });
    await earnOn(kit, '2027-07-20', 'lapsed', 'lapsed-3', 300);
    expect(await tierOn('2027-07-20', 'lapsed')).toMatchObject({ name: 'Green', next: { pointsNeeded: 200 }, progress: 0.6 });
    await earnOn(kit, '2027-07-21', 'lapsed', 'lapsed-4', 200);
    // No new grace year (Gold was reached in 2026): it holds while these 500 do.
    expect(await tierOn('2027-07-21', 'lapsed')).toMatchObject({ name: 'Gold', pointsToKeep: 300, keepBy: at('2028-07-20') });
  });

  it('falls to the highest tier still held, and a refunded order stops counting', async () => {
    await earnOn(kit, '2026-01-15', 'fell', 'fell-1', 1600);
    expect(await tierOn('2026-01-15', 'fell')).toMatchObject({ name: 'Roaster’s Circle', next: null, pointsToKeep: 1500, keepBy: at('2027-01-15') });
    await earnOn(kit, '2026-11-15', 'fell', 'fell-2', 600);
    await earnOn(kit, '2026-11-16', 'fell', 'fell-3', 900);
    // 1500 earned since November would keep Roaster's Circle past its grace year...
    expect(await tierOn('2026-11-16', 'fell')).toMatchObject({ name: 'Roaster’s Circle', pointsToKeep: 600, keepBy: at('2027-11-15') });
    h.clock.set(new Date(at('2026-12-01')));
    await kit.write('reversals', { orderId: 'fell-3', reason: 'Refund' });
    // ...until 900 of them are refunded.
    expect(await tierOn('2026-12-01', 'fell')).toMatchObject({ name: 'Roaster’s Circle', pointsToKeep: 900, keepBy: at('2027-01-15') });
    // Roaster's Circle lapses with its grace year (600 earned since); Gold, reached the same day, holds on them.
    expect(await tierOn('2027-01-15', 'fell')).toEqual({
      name: 'Gold',
      perks: 'Free oat milk and a monthly tasting.',
      next: { name: 'Roaster’s Circle', threshold: 1500, pointsNeeded: 900 },
      progress: 0.1,
      pointsToKeep: 500,
      keepBy: at('2027-11-15'),
    });
    expect(await tierOn('2027-11-15', 'fell')).toMatchObject({ name: 'Green', keepBy: null });
  });

  it('never demotes without retention', async () => {
    const forever = await createLoyaltyKit(h, { ...PROGRAM, tierRetention: false });
    await earnOn(forever, '2026-01-15', 'forever', 'forever-1', 1600);
    const expected = { name: 'Roaster’s Circle', next: null, progress: 1, pointsToKeep: 0, keepBy: null };
    expect(await tierOn('2026-01-15', 'forever', forever)).toMatchObject(expected);
    expect(await tierOn('2029-06-01', 'forever', forever)).toMatchObject(expected);
  });
});
