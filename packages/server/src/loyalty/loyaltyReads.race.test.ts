import { LoyaltyAccountSummarySchema, LoyaltyMemberSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';

// Reads that find something due fall back to the locking write path; many at once, for the same new member,
// must join them once and grant the welcome once, and every read must answer the same card.
let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createRaceHarness();
  kit = await createLoyaltyKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('loyalty reads under real concurrency (PostgreSQL, real clock)', () => {
  it('120 concurrent first reads of 4 new members (card, bootstrap, member view): one account and one welcome each', async () => {
    const members = ['read-race-a', 'read-race-b', 'read-race-c', 'read-race-d'];
    const tokens = await Promise.all(members.map((id) => kit.visitor(id)));
    const { results } = await concurrently(h, 120, async (i) => {
      const member = i % members.length;
      const kind = Math.floor(i / members.length) % 3;
      if (kind === 0) return { member, balance: (await kit.card(tokens[member]!)).balance };
      if (kind === 1) {
        const response = await kit.visit('/bootstrap', tokens[member]!);
        expect(response.status).toBe(200);
        const body = (await response.json()) as { widgets: { loyalty: { card: unknown } | null } };
        return { member, balance: LoyaltyAccountSummarySchema.parse(body.widgets.loyalty?.card).balance };
      }
      // The member view answers 404 until the member has joined: count only the answers it gave.
      const response = await kit.admin(`/contacts/${members[member]}/loyalty`);
      if (response.status === 404) return { member, balance: null };
      expect(response.status).toBe(200);
      return { member, balance: LoyaltyMemberSchema.parse(await response.json()).summary.balance };
    });
    expect(new Set(results.map((r) => r.balance).filter((b) => b !== null))).toEqual(new Set([50]));
    const { rows } = await h.store.query<{ accounts: number; welcomes: number; sum: number; balance: number }>(
      `SELECT count(DISTINCT a.id)::int AS accounts, count(l.id) FILTER (WHERE l.celebration = 'welcome')::int AS welcomes,
         COALESCE(sum(l.points), 0)::int AS sum, (SELECT sum(balance)::int FROM loyalty_accounts WHERE site_id = $1) AS balance
       FROM loyalty_accounts a LEFT JOIN loyalty_ledger l ON l.account_id = a.id WHERE a.site_id = $1`,
      [kit.site.site.id],
    );
    expect(rows[0]).toEqual({ accounts: 4, welcomes: 4, sum: 200, balance: 200 });
  });
});
