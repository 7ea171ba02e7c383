import type { LoyaltyProgramInput } from '@rapport/core/schemas';

/** The demo coffee shop's program, "Beans". */
export const DEMO_LOYALTY_PROGRAM: LoyaltyProgramInput = {
  pointsName: 'Beans',
  earn: {
    perCurrencyUnit: 10,
    currency: 'GBP',
    actions: [{ id: 'review', label: 'Reviewed a coffee', points: 25 }],
    welcome: 50,
    birthday: 100,
    anniversary: 150,
    referral: { referrer: 100, friend: 50 },
  },
  approvalWindowDays: 14,
  expiryMonths: 12,
  tiers: [
    { name: 'Green', threshold: 0, perks: 'Free refills on filter coffee.' },
    { name: 'Gold', threshold: 500, perks: 'Free oat milk and a monthly tasting.' },
    { name: 'Roaster’s Circle', threshold: 1500, perks: 'First pick of micro-lots and a roastery tour.' },
  ],
  tierRetention: true,
  stampCard: { size: 9, reward: 'Your 10th coffee is on us' },
  rewards: [
    { id: 'espresso', name: 'Free espresso', description: 'Any single-origin espresso.', cost: 100, instruction: 'Show this code at the till.' },
    { id: 'bag', name: 'Free bag of beans', description: 'A 250 g bag of this month’s roast.', cost: 450, instruction: 'Enter this code at checkout.' },
    { id: 'class', name: 'Brewing class', description: 'Two hours with our head roaster.', cost: 1200, instruction: 'We will email you to book a date.' },
  ],
};

/** Seeded orders (in GBP) per demo contact, with how many days ago they were placed. */
export const DEMO_LOYALTY_ORDERS: ReadonlyArray<{ externalId: string; orderId: string; amount: number; daysAgo: number }> = [
  { externalId: 'user_ada', orderId: 'demo-1001', amount: 12.5, daysAgo: 60 },
  { externalId: 'user_ada', orderId: 'demo-1007', amount: 8.2, daysAgo: 30 },
  { externalId: 'user_ada', orderId: 'demo-1013', amount: 16.0, daysAgo: 3 },
  { externalId: 'user_grace', orderId: 'demo-1002', amount: 24.0, daysAgo: 90 },
  { externalId: 'user_grace', orderId: 'demo-1009', amount: 18.0, daysAgo: 45 },
];
