import type { LoyaltyBootstrap } from '@rapport/core/schemas';
import type { VisitorIdentity } from '../http/defineRoute.js';
import type { SqlExecutor } from '../store/Store.js';
import { grantDueRewards } from './automaticRewards.js';
import { openVisitorAccount, readCard } from './openAccount.js';
import { loadProgram } from './programQueries.js';

/**
 * The bootstrap's loyalty slot: `null` while the site has no program; no card for an anonymous visitor;
 * otherwise the signed-in visitor's card, exactly as `GET /v1/visitor/loyalty` answers it (joining the
 * program and granting what is due on the way), so the card renders with no request of its own.
 */
export async function loadLoyaltySlot(
  transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>,
  input: { siteId: string; visitor: VisitorIdentity | null; clock: () => Date },
): Promise<LoyaltyBootstrap | null> {
  return transaction(async (tx) => {
    if (!(await loadProgram(tx, input.siteId))) return null;
    const { visitor } = input;
    if (visitor?.kind !== 'known') return { enabled: true, card: null };
    const open = await openVisitorAccount(tx, { siteId: input.siteId, visitor, clock: input.clock });
    await grantDueRewards(tx, open.scope, open.account);
    return { enabled: true, card: await readCard(tx, open) };
  });
}
