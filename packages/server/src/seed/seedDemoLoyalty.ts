import { findContactByExternalId } from '../contacts/contactQueries.js';
import { addDays } from '../loyalty/accountState.js';
import { ensureAccount } from '../loyalty/ledgerQueries.js';
import { awardOrder } from '../loyalty/ledgerWrites.js';
import { loadProgram, saveProgram } from '../loyalty/programQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { DEMO_LOYALTY_ORDERS, DEMO_LOYALTY_PROGRAM } from './demoLoyaltyProgram.js';

/**
 * The demo program and a few orders for the demo contacts (Grace, with her welcome points, ends 30 Beans short of
 * Gold). Never overwrites: the program is written only when the site has none (a program the business edited
 * stays as it is), and each order is keyed by its id.
 */
export async function seedDemoLoyalty(tx: SqlExecutor, input: { siteId: string; now: Date }): Promise<void> {
  const program =
    (await loadProgram(tx, input.siteId)) ??
    (await saveProgram(tx, { siteId: input.siteId, program: DEMO_LOYALTY_PROGRAM, now: input.now })).program;
  for (const order of DEMO_LOYALTY_ORDERS) {
    const contact = await findContactByExternalId(tx, input.siteId, order.externalId);
    if (!contact) continue;
    const placed = addDays(input.now, -order.daysAgo);
    const { account } = await ensureAccount(tx, { siteId: input.siteId, contactId: contact.id, now: addDays(input.now, -120) });
    await awardOrder(tx, { siteId: input.siteId, program, now: placed }, account, {
      externalId: order.externalId,
      orderId: order.orderId,
      amount: order.amount,
      currency: DEMO_LOYALTY_PROGRAM.earn.currency,
      reason: `Order #${order.orderId.slice(5)}`,
    });
  }
}
