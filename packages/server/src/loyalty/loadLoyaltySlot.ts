import type { LoyaltyBootstrap } from '@rapport/core/schemas';
import type { BootstrapSlotInput } from '../contacts/BootstrapSlotInput.js';
import type { SqlExecutor } from '../store/Store.js';
import { grantDueRewards } from './automaticRewards.js';
import { openContactAccount, readCard } from './openAccount.js';
import { loadProgram } from './programQueries.js';

/**
 * The bootstrap's loyalty slot: `null` while the site has no program; no card for an anonymous visitor;
 * otherwise the signed-in visitor's card, exactly as `GET /v1/visitor/loyalty` answers it (joining the
 * program and granting what is due on the way), so the card renders with no request of its own. Run it in a
 * transaction: it locks the account, and decides at the clock's time after that lock.
 */
export async function loadLoyaltySlot(tx: SqlExecutor, input: BootstrapSlotInput): Promise<LoyaltyBootstrap | null> {
  const { site, contact } = input;
  if (!(await loadProgram(tx, site.id))) return null;
  if (contact.external_id === null) return { enabled: true, card: null };
  const open = await openContactAccount(tx, { siteId: site.id, contact, clock: input.clock });
  await grantDueRewards(tx, open.scope, open.account);
  return { enabled: true, card: await readCard(tx, open) };
}
