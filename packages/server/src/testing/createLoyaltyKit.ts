import type { LedgerWriteResult, LoyaltyAccountSummary, LoyaltyMember, LoyaltyProgramInput } from '@rapport/core/schemas';
import { LedgerWriteResultSchema, LoyaltyAccountSummarySchema, LoyaltyMemberSchema } from '@rapport/core/schemas';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import type { CreatedSite } from '../sites/createSite.js';
import { createTestSite, type CallOptions, type Harness } from './testHarness.js';

/** Helpers for loyalty tests on one site with the demo program (or `program`). */
export interface LoyaltyKit {
  site: CreatedSite;
  admin(path: string, options?: CallOptions): Promise<Response>;
  /** A known visitor's token (valid for years, so the test clock can move freely). */
  visitor(externalId: string): Promise<string>;
  /** A visitor route with the site's publishable key and `token`. */
  visit(path: string, token: string, options?: CallOptions): Promise<Response>;
  /** `GET /v1/visitor/loyalty`, expecting 200. */
  card(token: string): Promise<LoyaltyAccountSummary>;
  /** `POST /v1/visitor/loyalty/redemptions`. */
  redeem(token: string, rewardId: string, id: string): Promise<Response>;
  /** `POST /v1/admin/loyalty/<kind>`, expecting 200 or 201. */
  write(kind: 'awards' | 'reversals' | 'adjustments', body: unknown): Promise<LedgerWriteResult & { status: number }>;
  /** `GET /v1/admin/contacts/{externalId}/loyalty`, expecting 200. */
  member(externalId: string): Promise<LoyaltyMember>;
  /** Sum of every ledger entry of a member, straight from the database. */
  ledgerSum(externalId: string): Promise<number>;
}

/** Builds a {@link LoyaltyKit} over a new test site. */
export async function createLoyaltyKit(h: Harness, program: LoyaltyProgramInput = DEMO_LOYALTY_PROGRAM): Promise<LoyaltyKit> {
  const site = await createTestSite(h.store);
  const kit: LoyaltyKit = {
    site,
    admin: (path, options = {}) => h.call(`/v1/admin${path}`, { publishableKey: null, bearer: site.secretKey, ...options }),
    visitor: (externalId) => h.tokenFor(site, externalId, { expiresInSeconds: 10 * 365 * 86_400 }),
    visit: (path, token, options = {}) => h.call(`/v1/visitor${path}`, { site, bearer: token, ...options }),
    async card(token) {
      const response = await kit.visit('/loyalty', token);
      if (response.status !== 200) throw new Error(`card answered ${response.status}: ${await response.text()}`);
      return LoyaltyAccountSummarySchema.parse(await response.json());
    },
    redeem: (token, rewardId, id) => kit.visit('/loyalty/redemptions', token, { method: 'POST', body: { rewardId, id } }),
    async write(kind, body) {
      const response = await kit.admin(`/loyalty/${kind}`, { method: 'POST', body });
      if (response.status !== 200 && response.status !== 201) throw new Error(`${kind} answered ${response.status}: ${await response.text()}`);
      return { ...LedgerWriteResultSchema.parse(await response.json()), status: response.status };
    },
    async member(externalId) {
      const response = await kit.admin(`/contacts/${encodeURIComponent(externalId)}/loyalty`);
      if (response.status !== 200) throw new Error(`member answered ${response.status}: ${await response.text()}`);
      return LoyaltyMemberSchema.parse(await response.json());
    },
    async ledgerSum(externalId) {
      const { rows } = await h.store.query<{ sum: number }>(
        `SELECT COALESCE(sum(l.points), 0)::int AS sum FROM loyalty_ledger l JOIN loyalty_accounts a ON a.id = l.account_id
         JOIN contacts c ON c.id = a.contact_id WHERE c.site_id = $1 AND c.external_id = $2`,
        [site.site.id, externalId],
      );
      return rows[0]?.sum ?? 0;
    },
  };
  const response = await kit.admin('/loyalty/program', { method: 'PUT', body: program });
  if (response.status !== 201) throw new Error(`putProgram answered ${response.status}: ${await response.text()}`);
  return kit;
}
