import { STAMP_REWARD_ID, type LoyaltyAccountSummary, type MemberToken } from '@rapport/core';
import {
  LoyaltyAccountSummarySchema,
  MemberTokenSchema,
  RedemptionRequestSchema,
  RedemptionResultSchema,
} from '@rapport/core/schemas';
import { errorEnvelope } from './storyFixtures.js';

/** The demo coffee shop's rewards; each fixture works out the gap from its balance. */
const REWARDS = [
  { id: 'espresso', name: 'Free espresso', description: 'Any single-origin espresso.', cost: 100 },
  { id: 'bag', name: 'Free bag of beans', description: 'A 250 g bag of this month’s roast.', cost: 450 },
  { id: 'class', name: 'Brewing class', description: 'Two hours with our head roaster.', cost: 1200 },
];

/** Options of {@link loyaltyCardFixture}: any field of the card, and the balance the reward gaps follow. */
export type LoyaltyCardFixtureOptions = Partial<Omit<LoyaltyAccountSummary, 'rewards'>>;

/**
 * A visitor's card for stories, parsed with core's `LoyaltyAccountSummarySchema`. Default: a Gold member
 * with 380 Beans to spend, 680 Beans from the top tier, 4 of 9 stamps and a short history.
 */
export function loyaltyCardFixture(options: LoyaltyCardFixtureOptions = {}): LoyaltyAccountSummary {
  const balance = options.balance ?? 380;
  return LoyaltyAccountSummarySchema.parse({
    pointsName: 'Beans',
    balance,
    pending: 0,
    lifetimePoints: 820,
    tier: {
      name: 'Gold',
      perks: 'Free oat milk and a monthly tasting.',
      next: { name: 'Roaster’s Circle', threshold: 1500, pointsNeeded: 680 },
      progress: 0.32,
      pointsToKeep: 0,
      keepBy: null,
    },
    nextExpiry: null,
    stamps: { size: 9, collected: 4, ready: 0, reward: 'Your 10th coffee is on us' },
    history: [
      { id: 'led_story_3', type: 'earn', points: 160, reason: 'Order #1042', at: '2026-05-02T09:30:00.000Z', pending: false },
      { id: 'led_story_2', type: 'redeem', points: -100, reason: 'Free espresso', at: '2026-04-18T15:10:00.000Z', pending: false },
      { id: 'led_story_1', type: 'earn', points: 50, reason: 'Welcome to Beans', at: '2026-03-01T11:00:00.000Z', pending: false },
    ],
    celebration: null,
    referralCode: 'ADA-7Q4K',
    ...options,
    rewards: REWARDS.map((reward) => ({ ...reward, gap: Math.max(0, reward.cost - balance) })),
  });
}

/** A real QR code (of `rapport:story-member-token`, correction level M), one row per line: `#` is dark. */
const QR_ROWS = [
  '#######.#...#####.#######',
  '#.....#..#..#.#.#.#.....#',
  '#.###.#...#....#..#.###.#',
  '#.###.#.##..###.#.#.###.#',
  '#.###.#.##.#.####.#.###.#',
  '#.....#.#.#..#..#.#.....#',
  '#######.#.#.#.#.#.#######',
  '........##.#..##.........',
  '#...#.###.#.#....#####..#',
  '###.#...##.###.###..#..#.',
  '.###..##.###.#.#...####..',
  '#.##....####...#.#....#..',
  '.##..##...#.#.##.##..##.#',
  '#..##....##.#.###...#....',
  '..#...###.##..##..#.###..',
  '....#..#.#..#.##..#.#.###',
  '##..####..###..######.#.#',
  '........#.##.#..#...####.',
  '#######.#####.#.#.#.#....',
  '#.....#...###..##...#.###',
  '#.###.#.#...#...#######..',
  '#.###.#...##..##.##....##',
  '#.###.#..#.#####..#..#.#.',
  '#.....#..#....#..#....##.',
  '#######.##.##..#....#####',
];

/** A member token for stories, valid for 5 minutes from now, with {@link QR_ROWS} drawn as the server draws it. */
export function memberTokenFixture(): MemberToken {
  const path = QR_ROWS.flatMap((row, y) => [...row].map((cell, x) => (cell === '#' ? `M${x} ${y}h1v1h-1z` : ''))).join('');
  return MemberTokenSchema.parse({
    token: 'rapport:story-member-token',
    expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    qr: { size: QR_ROWS.length, path },
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refuse = (status: number, code: 'forbidden' | 'not_found' | 'insufficient_points', message: string) =>
  json(status, errorEnvelope(code, message));

/**
 * The story server's loyalty routes over the card in the bootstrap (`read`/`write`): the card, redemptions
 * (refused with 409 `insufficient_points` when the balance or the stamp card falls short), member tokens and
 * celebrations seen. Redeeming takes the cost off, recomputes the gaps and adds a history line.
 */
export function loyaltyStoryRoutes(read: () => LoyaltyAccountSummary | null, write: (card: LoyaltyAccountSummary) => void) {
  let redemptions = 0;
  return async (method: string, path: string, init: RequestInit | undefined): Promise<Response> => {
    const card = read();
    if (!card) return refuse(403, 'forbidden', 'Sign in to use your loyalty card');
    const route = `${method} ${path.replace('/v1/visitor/loyalty', '')}`;
    if (route === 'GET ') return json(200, card);
    if (route === 'POST /member-token') return json(200, memberTokenFixture());
    if (route === 'POST /celebrations/seen') {
      write({ ...card, celebration: null });
      return json(200, read());
    }
    if (route !== 'POST /redemptions') return refuse(404, 'not_found', `No story fixture for ${route}`);

    const { rewardId } = RedemptionRequestSchema.parse(JSON.parse(String(init?.body)));
    const stamps = rewardId === STAMP_REWARD_ID ? card.stamps : null;
    const reward = stamps ? { name: stamps.reward, cost: 0 } : card.rewards.find((r) => r.id === rewardId);
    if (!reward) return refuse(404, 'not_found', 'No such reward');
    if ((stamps && stamps.ready < 1) || card.balance < reward.cost) {
      return refuse(409, 'insufficient_points', 'Not enough points for this reward');
    }
    const at = new Date().toISOString();
    const entry = { id: `led_story_r${++redemptions}`, type: 'redeem' as const, points: -reward.cost, reason: reward.name, at, pending: false };
    const next = loyaltyCardFixture({
      ...card,
      balance: card.balance - reward.cost,
      stamps: stamps ? { ...stamps, ready: stamps.ready - 1 } : card.stamps,
      history: [entry, ...card.history],
    });
    write(next);
    return json(
      201,
      RedemptionResultSchema.parse({
        id: `rdm_story_${redemptions}`,
        rewardId,
        rewardName: reward.name,
        points: reward.cost,
        code: `${rewardId.slice(0, 4).toUpperCase()}-${4820 + redemptions}`,
        instruction: 'Show this code at the till.',
        balance: next.balance,
        createdAt: at,
      }),
    );
  };
}
