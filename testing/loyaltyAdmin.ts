import type { LoyaltyAward, LoyaltyProgram, LoyaltyProgramInput } from '@rapport/core';
import { admin, type AdminTarget } from './admin.js';

/** The program the loyalty tests run against: points spendable at once, a welcome gift and a 3-stamp card. */
export const TEST_PROGRAM: LoyaltyProgramInput = {
  pointsName: 'Beans',
  earn: { perCurrencyUnit: 10, currency: 'GBP', actions: [], welcome: 50, birthday: 0, anniversary: 0 },
  approvalWindowDays: 0,
  expiryMonths: null,
  tiers: [
    { name: 'Green', threshold: 0, perks: 'Free refills.' },
    { name: 'Gold', threshold: 500, perks: 'Free oat milk.' },
  ],
  tierRetention: false,
  stampCard: { size: 3, reward: 'A free flat white' },
  rewards: [
    { id: 'espresso', name: 'Free espresso', description: 'Any espresso.', cost: 100, instruction: 'Show this code at the till.' },
    { id: 'bag', name: 'Free bag of beans', description: 'A 250 g bag.', cost: 450, code: 'BEANS-250' },
  ],
};

/** Replaces the site's loyalty program with the secret key. Test-only. */
export function putProgram(server: AdminTarget, program: LoyaltyProgramInput = TEST_PROGRAM): Promise<LoyaltyProgram> {
  return admin(server, '/loyalty/program', { method: 'PUT', body: program });
}

/** Awards points (or a purchase, which also stamps the card) as the business's server would. Test-only. */
export function award(server: AdminTarget, body: LoyaltyAward): Promise<unknown> {
  return admin(server, '/loyalty/awards', { method: 'POST', body });
}
