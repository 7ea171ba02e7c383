import type { LoyaltyBootstrap } from '@rapport/core/schemas';
import type { BootstrapSlotInput } from '../contacts/BootstrapSlotInput.js';
import { grantDueRewards } from './automaticRewards.js';
import type { LoyaltyDb } from './LoyaltyDb.js';
import { openContactAccount, readCard } from './openAccount.js';
import { loadProgram } from './programQueries.js';
import { readLoyaltyCard } from './readLoyaltyCard.js';

/**
 * The bootstrap's loyalty slot: `null` while the site has no program; no card for an anonymous visitor;
 * otherwise the signed-in visitor's card, exactly as `GET /v1/visitor/loyalty` answers it. A returning member with
 * nothing due costs one statement on `access.db` (no transaction, no lock, no write). Only a visitor who has not
 * joined yet, or whose account has something due (a reward, pending points now available, an expiry, a changed
 * birthday), takes the write path (join, grant, settle, under the account's lock, deciding at the clock's time after
 * it), in a transaction of its own from `access.transaction`. Tells `changesAt` when time alone may change the card
 * (see `cardChangesAt`). Pass the route's context (`loadLoyaltySlot(ctx, slot)`), not a transaction: the plain read
 * must not hold one.
 */
export async function loadLoyaltySlot(access: LoyaltyDb, input: BootstrapSlotInput): Promise<LoyaltyBootstrap | null> {
  const { site, contact } = input;
  if (contact.external_id === null) return (await loadProgram(access.db, site.id)) ? { enabled: true, card: null } : null;
  const read = await readLoyaltyCard(access.db, { siteId: site.id, key: { contactId: contact.id }, now: input.clock() });
  if (read.status === 'no_program') return null;
  if (read.status === 'ready') {
    input.changesAt?.(read.changesAt);
    return { enabled: true, card: read.value };
  }
  const card = await access.transaction(async (tx) => {
    const open = await openContactAccount(tx, { siteId: site.id, contact, clock: input.clock });
    await grantDueRewards(tx, open.scope, open.account);
    return readCard(tx, open);
  });
  // Written just now: keep no answer built on it, the next bootstrap reads the settled account (a plain read).
  input.changesAt?.(input.now.getTime() + 1);
  return { enabled: true, card };
}
