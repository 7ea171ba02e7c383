import type { LoyaltyAdjustment, LoyaltyAward, LoyaltyProgram, LoyaltyReversal } from '@rapport/core/schemas';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { sha256Hex } from '../crypto/sha256.js';
import { ApiError, validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { addDays, computeAccountState, expiresAt, type AccountState } from './accountState.js';
import type { LedgerScope, WriteOutcome } from './LedgerScope.js';
import { prepareReferral } from './prepareReferral.js';
import {
  appendEntry,
  assertSameRequest,
  findEntryByKey,
  isPending,
  loadEntries,
  lockAccount,
  postDueEntries,
  type AccountRow,
  type EntryRow,
} from './ledgerQueries.js';

/** Hash of a request body: the same key with a different body is a conflict. */
export function requestHash(body: unknown): Promise<string> {
  return sha256Hex(canonicalJson(body));
}

/**
 * Brings an account up to `scope.now` and answers it with the database's balance and stamps: pending entries now
 * due are posted, and when a lot may have expired (`next_expiry_at` has passed) the history is folded once to
 * write its `expire` entries (key `expire:<lot id>`, so at most once per lot) and find the next expiry. Every
 * other write costs the same however long the account's history is. Call with the account locked.
 */
export async function settleAccount(tx: SqlExecutor, scope: LedgerScope, account: AccountRow): Promise<AccountRow> {
  // Re-read under the lock: writes earlier in this transaction (automatic rewards) changed the balance.
  const current = await postDueEntries(tx, await lockAccount(tx, account.id), scope.now);
  if (current.next_expiry_at === null || current.next_expiry_at.getTime() > scope.now.getTime()) return current;
  return expireDueLots(tx, scope, current);
}

async function expireDueLots(tx: SqlExecutor, scope: LedgerScope, account: AccountRow): Promise<AccountRow> {
  const state = computeAccountState(await loadEntries(tx, account.id), scope.now);
  let left = account.balance;
  for (const { lot, points } of state.dueExpiries) {
    const expired = Math.min(points, left);
    if (expired <= 0) continue;
    left -= expired;
    await appendEntry(tx, scope.siteId, {
      account_id: account.id,
      type: 'expire',
      points: -expired,
      reason: `${scope.program.pointsName} expired`,
      idempotency_key: `expire:${lot.id}`,
      request_hash: 'auto',
      source_entry_id: lot.id,
      created_at: scope.now,
      available_at: scope.now,
      expires_at: null,
    });
  }
  const { rows } = await tx.query<Pick<AccountRow, 'balance' | 'stamps' | 'next_expiry_at'>>(
    `UPDATE loyalty_accounts SET next_expiry_at = (
       SELECT min(at) FROM (
         SELECT $2::timestamptz AS at
         UNION ALL
         SELECT l.expires_at FROM loyalty_pending p JOIN loyalty_ledger l ON l.id = p.entry_id
         WHERE p.account_id = $1 AND p.points > 0) lots)
     WHERE id = $1 RETURNING balance, stamps, next_expiry_at`,
    [account.id, state.nextExpiry?.at ?? null],
  );
  return { ...account, ...rows[0] };
}

/** The account's balances for a card: the database's figures, and the history folded for tiers and expiry. */
export async function readAccountState(tx: SqlExecutor, scope: LedgerScope, account: AccountRow): Promise<{ entries: EntryRow[]; state: AccountState }> {
  const settled = await settleAccount(tx, scope, account);
  const entries = await loadEntries(tx, account.id);
  const folded = computeAccountState(entries, scope.now);
  const { rows } = await tx.query<{ pending: number }>('SELECT COALESCE(sum(points), 0)::integer AS pending FROM loyalty_pending WHERE account_id = $1', [
    account.id,
  ]);
  return { entries, state: { ...folded, balance: settled.balance, stamps: settled.stamps, pending: rows[0]?.pending ?? 0 } };
}

function pointsForAward(program: LoyaltyProgram, award: LoyaltyAward): { points: number; reason: string; stamps: number } {
  const given = [award.amount, award.action, award.points].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw validationFailed([{ path: [], message: 'Give exactly one of amount (with currency), action or points', code: 'custom' }]);
  }
  if (award.amount !== undefined) {
    if (award.currency !== program.earn.currency) {
      throw validationFailed([{ path: ['currency'], message: `The program earns in ${program.earn.currency}`, code: 'custom' }]);
    }
    const points = Math.floor(award.amount * program.earn.perCurrencyUnit + 1e-9);
    return { points, reason: award.reason ?? `Purchase ${award.orderId}`, stamps: program.stampCard ? 1 : 0 };
  }
  if (award.action !== undefined) {
    const action = program.earn.actions.find((a) => a.id === award.action);
    if (!action) throw validationFailed([{ path: ['action'], message: 'No such action in the program', code: 'custom' }]);
    return { points: action.points, reason: award.reason ?? action.label, stamps: 0 };
  }
  return { points: award.points ?? 0, reason: award.reason ?? 'Points added', stamps: 0 };
}

/** Awards points for an order (key `order:<orderId>`), pending for the approval window; credits a referral code. */
export async function awardOrder(tx: SqlExecutor, scope: LedgerScope, account: AccountRow, award: LoyaltyAward): Promise<WriteOutcome> {
  const hash = await requestHash(award);
  const key = `order:${award.orderId}`;
  const existing = await findEntryByKey(tx, scope.siteId, key);
  if (existing) {
    assertSameRequest(existing, hash, account.id);
    return { row: existing, created: false };
  }
  const { points, reason, stamps } = pointsForAward(scope.program, award);
  const referral = await prepareReferral(tx, scope, account, award);
  const outcome = await appendEntry(tx, scope.siteId, {
    account_id: account.id,
    type: 'earn',
    points,
    stamps,
    reason,
    idempotency_key: key,
    request_hash: hash,
    created_at: scope.now,
    available_at: addDays(scope.now, scope.program.approvalWindowDays),
    expires_at: expiresAt(scope.program, scope.now),
  });
  await referral?.();
  return outcome;
}

/**
 * Reverses an order's award (key `reverse:<orderId>`). A pending award is cancelled in full (the reversal
 * becomes available with it, so they net out). An available one takes back at most the balance: the
 * balance never goes below zero, and `clamped_from` records what was asked.
 */
export async function reverseOrder(tx: SqlExecutor, scope: LedgerScope, reversal: LoyaltyReversal): Promise<WriteOutcome> {
  const hash = await requestHash(reversal);
  const key = `reverse:${reversal.orderId}`;
  const earn = await findEntryByKey(tx, scope.siteId, `order:${reversal.orderId}`);
  if (!earn) throw new ApiError(404, 'not_found', 'No award for this order');
  const locked = await lockAccount(tx, earn.account_id);
  const existing = await findEntryByKey(tx, scope.siteId, key);
  if (existing) {
    assertSameRequest(existing, hash);
    return { row: existing, created: false };
  }
  const account = await settleAccount(tx, scope, locked);
  // Pending is what the database says (the award not yet posted), not a comparison of clocks: the reversal then
  // waits with the award and the two post together.
  const pending = await isPending(tx, earn.id);
  const points = pending ? earn.points : Math.min(earn.points, account.balance);
  const stamps = pending ? earn.stamps : Math.min(earn.stamps, account.stamps);
  return appendEntry(tx, scope.siteId, {
    account_id: account.id,
    type: 'reverse',
    points: -points,
    stamps: -stamps,
    reason: reversal.reason,
    idempotency_key: key,
    request_hash: hash,
    source_entry_id: earn.id,
    clamped_from: points < earn.points ? earn.points : null,
    created_at: scope.now,
    available_at: pending ? earn.available_at : scope.now,
    expires_at: null,
  });
}

/** A manual correction (key `adjust:<key>`); a debit beyond the balance is 409 `insufficient_points`. */
export async function adjustPoints(tx: SqlExecutor, scope: LedgerScope, account: AccountRow, adjustment: LoyaltyAdjustment): Promise<WriteOutcome> {
  const hash = await requestHash(adjustment);
  const key = `adjust:${adjustment.key}`;
  const existing = await findEntryByKey(tx, scope.siteId, key);
  if (existing) {
    assertSameRequest(existing, hash, account.id);
    return { row: existing, created: false };
  }
  const { balance } = await settleAccount(tx, scope, account);
  if (balance + adjustment.points < 0) {
    throw new ApiError(409, 'insufficient_points', `The balance is ${balance}; it cannot go below zero`);
  }
  return appendEntry(tx, scope.siteId, {
    account_id: account.id,
    type: 'adjust',
    points: adjustment.points,
    reason: adjustment.reason,
    idempotency_key: key,
    request_hash: hash,
    created_at: scope.now,
    available_at: scope.now,
    expires_at: adjustment.points > 0 ? expiresAt(scope.program, scope.now) : null,
  });
}

/** Points the server grants by itself, available at once: welcome, birthday, anniversary. */
export function grantAutomatic(
  tx: SqlExecutor,
  scope: LedgerScope,
  account: AccountRow,
  grant: { kind: 'welcome' | 'birthday' | 'anniversary'; key: string; points: number; reason: string },
): Promise<WriteOutcome> {
  return appendEntry(tx, scope.siteId, {
    account_id: account.id,
    type: 'earn',
    points: grant.points,
    reason: grant.reason,
    celebration: grant.kind,
    idempotency_key: grant.key,
    request_hash: 'auto',
    created_at: scope.now,
    available_at: scope.now,
    expires_at: expiresAt(scope.program, scope.now),
  });
}
