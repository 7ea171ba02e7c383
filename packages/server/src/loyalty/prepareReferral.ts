import type { LoyaltyAward } from '@rapport/core/schemas';
import { validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { addDays, expiresAt } from './accountState.js';
import { appendEntry, findEntryByKey, lockAccount, type AccountRow } from './ledgerQueries.js';
import type { LedgerScope } from './LedgerScope.js';

const refuse = (message: string) => validationFailed([{ path: ['referralCode'], message, code: 'custom' }]);

/**
 * Checks an award's referral code before anything is written, and returns the crediting to run once the order's
 * entry is in (or `null` without a code). The referrer earns `earn.referral.referrer` and the new customer
 * `earn.referral.friend`, pending and expiring like a purchase, once per referred member (keys
 * `referral:<friend account>` and `referral-friend:<friend account>`): later orders with a code add nothing.
 */
export async function prepareReferral(
  tx: SqlExecutor,
  scope: LedgerScope,
  friend: AccountRow,
  award: LoyaltyAward,
): Promise<(() => Promise<void>) | null> {
  if (award.referralCode === undefined) return null;
  const rewards = scope.program.earn.referral;
  if (!rewards) throw refuse('This program has no referral rewards');
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM loyalty_accounts WHERE site_id = $1 AND referral_code = $2', [
    scope.siteId,
    award.referralCode.toUpperCase(),
  ]);
  const referrerId = rows[0]?.id;
  if (!referrerId) throw refuse('No member has this referral code');
  if (referrerId === friend.id) throw refuse('A member cannot use their own referral code');
  if (await findEntryByKey(tx, scope.siteId, `referral:${friend.id}`)) return null;

  return async () => {
    const referrer = await lockAccount(tx, referrerId);
    const earn = (account: AccountRow, key: string, points: number, reason: string) =>
      appendEntry(tx, scope.siteId, {
        account_id: account.id,
        type: 'earn',
        points,
        reason,
        idempotency_key: key,
        request_hash: 'auto',
        created_at: scope.now,
        available_at: addDays(scope.now, scope.program.approvalWindowDays),
        expires_at: expiresAt(scope.program, scope.now),
      });
    await earn(referrer, `referral:${friend.id}`, rewards.referrer, 'A friend joined with your code');
    if (rewards.friend > 0) await earn(friend, `referral-friend:${friend.id}`, rewards.friend, 'Joined with a friend’s code');
  };
}
