import type { LoyaltyMember } from '@rapport/core/schemas';
import { ApiError } from '../http/ApiError.js';
import type { LoyaltyDb } from './LoyaltyDb.js';
import { findMember, readMember } from './openAccount.js';
import { readLoyaltyMember } from './readLoyaltyCard.js';

/**
 * A member's card and full ledger for the business (`GET /v1/admin/contacts/{externalId}/loyalty`, a scanned member
 * code). A plain read (one statement, nothing written) when nothing is due; otherwise, and only then, the write path
 * in a transaction (`findMember`, `readMember`: the account locked, the birthday copied, the rewards due granted,
 * pending points posted and expired ones written off). 404 without a program or without such a member.
 */
export async function loadMemberView(
  access: LoyaltyDb,
  input: { siteId: string; clock: () => Date } & ({ externalId: string } | { accountId: string }),
): Promise<LoyaltyMember> {
  const key = 'externalId' in input ? { externalId: input.externalId } : { accountId: input.accountId };
  const read = await readLoyaltyMember(access.db, { siteId: input.siteId, key, now: input.clock() });
  if (read.status === 'no_program') throw new ApiError(404, 'not_found', 'This site has no loyalty program yet');
  if (read.status === 'not_found') throw new ApiError(404, 'not_found', 'No loyalty member here');
  if (read.status === 'ready') return read.value;
  return access.transaction(async (tx) => readMember(tx, await findMember(tx, { siteId: input.siteId, clock: input.clock, ...key })));
}
