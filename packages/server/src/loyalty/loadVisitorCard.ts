import type { LoyaltyAccountSummary } from '@rapport/core/schemas';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { claimTraits } from '../contacts/resolveVisitorContact.js';
import { ApiError } from '../http/ApiError.js';
import { grantDueRewards } from './automaticRewards.js';
import type { LoyaltyDb } from './LoyaltyDb.js';
import { openVisitorAccount, readCard, requireKnown } from './openAccount.js';
import { readLoyaltyCard, type LoyaltyRead } from './readLoyaltyCard.js';

const NO_PROGRAM = 'This site has no loyalty program yet';

function shown(read: LoyaltyRead<LoyaltyAccountSummary>): LoyaltyAccountSummary | null {
  if (read.status === 'no_program') throw new ApiError(404, 'not_found', NO_PROGRAM);
  return read.status === 'ready' ? read.value : null;
}

/**
 * The signed-in visitor's card (`GET /v1/visitor/loyalty`). A plain read (one statement, nothing written) when the
 * visitor is a member with nothing due; otherwise, and only then, the write path in a transaction: the contact
 * upserted, the account joined and locked, the birthday copied, the rewards due granted, pending points posted and
 * expired ones written off. 403 for an anonymous visitor, 404 without a program.
 */
export async function loadVisitorCard(
  access: LoyaltyDb,
  input: { siteId: string; visitor: VisitorIdentity; clock: () => Date },
): Promise<LoyaltyAccountSummary> {
  requireKnown(input.visitor);
  const read = await readLoyaltyCard(access.db, {
    siteId: input.siteId,
    key: { externalId: input.visitor.subject },
    claims: claimTraits(input.visitor),
    now: input.clock(),
  });
  return (
    shown(read) ??
    access.transaction(async (tx) => {
      const open = await openVisitorAccount(tx, { siteId: input.siteId, visitor: input.visitor, clock: input.clock });
      await grantDueRewards(tx, open.scope, open.account);
      return readCard(tx, open);
    })
  );
}
