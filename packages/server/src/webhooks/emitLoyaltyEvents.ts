import type { CelebrationKind, LedgerEntryType, LoyaltyAwardKind, LoyaltyPointsAwardedEventData, LoyaltyRewardRedeemedEventData, WebhookContact } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';
import { enqueueWebhookEvent } from './enqueueWebhookEvent.js';

/** What the events read of a ledger row (`EntryRow`; declared here: the ledger's queries import this module). */
export interface AwardEntry {
  id: string;
  account_id: string;
  type: LedgerEntryType;
  points: number;
  reason: string;
  celebration: CelebrationKind | null;
  idempotency_key: string;
  created_at: Date;
  available_at: Date;
  expires_at: Date | null;
}

const KIND_BY_PREFIX: Record<string, LoyaltyAwardKind> = {
  order: 'order',
  referral: 'referral',
  'referral-friend': 'referral',
  welcome: 'welcome',
  birthday: 'birthday',
  anniversary: 'anniversary',
  adjust: 'adjust',
};

/** What earned an entry and its order id, read from its ledger key (`order:<orderId>`, `welcome:<account>`, …). */
export function awardKindOf(entry: Pick<AwardEntry, 'idempotency_key' | 'celebration'>): { kind: LoyaltyAwardKind; orderId: string | null } {
  const colon = entry.idempotency_key.indexOf(':');
  const prefix = colon < 0 ? entry.idempotency_key : entry.idempotency_key.slice(0, colon);
  const kind = entry.celebration ?? KIND_BY_PREFIX[prefix] ?? 'adjust';
  return { kind, orderId: kind === 'order' ? entry.idempotency_key.slice(colon + 1) : null };
}

/** Whether a ledger entry is an award (`loyalty.points.awarded`): an `earn` or a positive `adjust`. */
export function isAward(entry: Pick<AwardEntry, 'type' | 'points'>): boolean {
  return entry.points > 0 && (entry.type === 'earn' || entry.type === 'adjust');
}

/** The account's contact and balance, read in the write's transaction after the entry (the balance includes it). */
async function accountAfter(tx: SqlExecutor, accountId: string): Promise<{ contact: WebhookContact; balance: number }> {
  const { rows } = await tx.query<{ contact_id: string; external_id: string | null; balance: number }>(
    'SELECT a.contact_id, c.external_id, a.balance FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id WHERE a.id = $1',
    [accountId],
  );
  const row = rows[0];
  if (!row) throw new Error('Loyalty account vanished');
  return { contact: { id: row.contact_id, externalId: row.external_id }, balance: row.balance };
}

/** `loyalty.points.awarded` for an entry just appended (call only when it is new and {@link isAward}). */
export async function emitPointsAwarded(tx: SqlExecutor, input: { siteId: string; entry: AwardEntry }): Promise<void> {
  const { entry } = input;
  const { contact, balance } = await accountAfter(tx, entry.account_id);
  const data: LoyaltyPointsAwardedEventData = {
    contact,
    entryId: entry.id,
    points: entry.points,
    ...awardKindOf(entry),
    reason: entry.reason,
    availableAt: entry.available_at.toISOString(),
    expiresAt: entry.expires_at?.toISOString() ?? null,
    balance,
  };
  await enqueueWebhookEvent(tx, { siteId: input.siteId, type: 'loyalty.points.awarded', contactId: contact.id, data, now: entry.created_at });
}

/** `loyalty.reward.redeemed` for a redemption just stored. */
export async function emitRewardRedeemed(
  tx: SqlExecutor,
  input: { siteId: string; accountId: string; redemption: Omit<LoyaltyRewardRedeemedEventData, 'contact' | 'redeemedAt'>; at: Date },
): Promise<void> {
  const { contact } = await accountAfter(tx, input.accountId);
  const data: LoyaltyRewardRedeemedEventData = {
    contact,
    ...input.redemption,
    redeemedAt: input.at.toISOString(),
  };
  await enqueueWebhookEvent(tx, { siteId: input.siteId, type: 'loyalty.reward.redeemed', contactId: contact.id, data, now: input.at });
}
