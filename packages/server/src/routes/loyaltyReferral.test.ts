import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: LoyaltyKit;
const program = { ...DEMO_LOYALTY_PROGRAM, approvalWindowDays: 0, earn: { ...DEMO_LOYALTY_PROGRAM.earn, referral: { referrer: 200, friend: 75 } } };

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h, program);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const order = (externalId: string, orderId: string, extra: Record<string, unknown> = {}) =>
  kit.admin('/loyalty/awards', { method: 'POST', body: { externalId, orderId, amount: 10, currency: 'GBP', ...extra } });

describe('referral codes', () => {
  it('credit the referrer and the friend once, with the first order that carries the code', async () => {
    const ada = await kit.visitor('ref-ada');
    const { referralCode, balance: before } = await kit.card(ada);
    const first = await order('ref-bob', 'ref-o1', { referralCode: referralCode.toLowerCase() });
    expect(first.status).toBe(201);
    expect((await kit.card(ada)).balance).toBe(before + 200);
    const bob = await kit.card(await kit.visitor('ref-bob'));
    expect(bob.history.map((e) => [e.reason, e.points])).toEqual(
      expect.arrayContaining([
        ['Joined with a friend’s code', 75],
        ['Purchase ref-o1', 100],
      ]),
    );
    // The same order again is a replay; a later order with the code adds nothing.
    expect((await order('ref-bob', 'ref-o1', { referralCode: referralCode.toLowerCase() })).status).toBe(200);
    expect((await order('ref-bob', 'ref-o2', { referralCode })).status).toBe(201);
    expect((await kit.card(ada)).balance).toBe(before + 200);
    expect((await kit.member('ref-bob')).ledger.filter((e) => e.reason === 'Joined with a friend’s code')).toHaveLength(1);
    expect(await kit.ledgerSum('ref-ada')).toBe(before + 200);
  });

  it('refuses an unknown code or the member’s own, writing nothing', async () => {
    const own = (await kit.card(await kit.visitor('ref-self'))).referralCode;
    for (const [code, message] of [
      ['ZZZZZZZZ', 'No member has this referral code'],
      [own, 'A member cannot use their own referral code'],
    ] as const) {
      const refused = await order('ref-self', `ref-bad-${code}`, { referralCode: code });
      expect(refused.status).toBe(422);
      expect((await readError(refused)).issues).toEqual([expect.objectContaining({ path: ['referralCode'], message })]);
    }
    expect((await kit.member('ref-self')).ledger.map((e) => e.reason)).toEqual(['Welcome to Beans']);
  });

  it('refuses a code when the program has no referral rewards', async () => {
    const { referral: _referral, ...earn } = DEMO_LOYALTY_PROGRAM.earn;
    const plain = await createLoyaltyKit(h, { ...DEMO_LOYALTY_PROGRAM, earn });
    const code = (await plain.card(await plain.visitor('plain-ada'))).referralCode;
    const refused = await plain.admin('/loyalty/awards', {
      method: 'POST',
      body: { externalId: 'plain-bob', orderId: 'plain-1', points: 10, referralCode: code },
    });
    expect(refused.status).toBe(422);
    expect((await readError(refused)).issues?.[0]?.message).toBe('This program has no referral rewards');
  });
});
