import { STAMP_REWARD_ID, type LoyaltyProgram, type LoyaltyReward, type RedemptionRequest, type RedemptionResult } from '@rapport/core/schemas';
import { newId, randomAlphanumeric } from '../crypto/random.js';
import { ApiError } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';
import { emitRewardRedeemed } from '../webhooks/emitLoyaltyEvents.js';
import { appendEntry, assertSameRequest, findEntryByKey, type AccountRow } from './ledgerQueries.js';
import type { LedgerScope } from './LedgerScope.js';
import { requestHash, settleAccount } from './ledgerWrites.js';

interface RedemptionRow {
  id: string;
  reward_id: string;
  reward_name: string;
  code: string;
  instruction: string | null;
  balance_after: number;
  created_at: Date;
  points: number;
}

function toResult(row: RedemptionRow): RedemptionResult {
  return {
    id: row.id,
    rewardId: row.reward_id,
    rewardName: row.reward_name,
    points: -row.points,
    code: row.code,
    instruction: row.instruction,
    balance: row.balance_after,
    createdAt: row.created_at.toISOString(),
  };
}

async function loadRedemption(tx: SqlExecutor, entryId: string): Promise<RedemptionResult> {
  const { rows } = await tx.query<RedemptionRow>(
    `SELECT r.id, r.reward_id, r.reward_name, r.code, r.instruction, r.balance_after, r.created_at, l.points
     FROM loyalty_redemptions r JOIN loyalty_ledger l ON l.id = r.entry_id WHERE r.entry_id = $1`,
    [entryId],
  );
  if (!rows[0]) throw new Error('Redemption row missing for its ledger entry');
  return toResult(rows[0]);
}

/** A catalog reward, or the stamp card's (free: it costs a full card, not points); 404 when there is none. */
function findReward(program: LoyaltyProgram, rewardId: string): LoyaltyReward {
  if (rewardId === STAMP_REWARD_ID && program.stampCard) {
    return { id: STAMP_REWARD_ID, name: program.stampCard.reward, description: '', cost: 0, instruction: 'Show this code at the till' };
  }
  const reward = program.rewards.find((r) => r.id === rewardId);
  if (!reward) throw new ApiError(404, 'not_found', 'No such reward');
  return reward;
}

/**
 * Spends points on a reward, or claims a full stamp card. The account row is locked first and the time read after
 * it, so the balance check and the debit happen with no other write to the account in between; the database
 * refuses any debit that would take the balance below zero all the same. The client's id is the key
 * (`redeem:<account>:<id>`): the same id replays the original redemption. Its cost does not grow with the history.
 */
export async function redeemReward(
  tx: SqlExecutor,
  scope: LedgerScope,
  account: AccountRow,
  request: RedemptionRequest,
): Promise<{ result: RedemptionResult; created: boolean }> {
  const key = `redeem:${account.id}:${request.id}`;
  const hash = await requestHash({ rewardId: request.rewardId });
  const existing = await findEntryByKey(tx, scope.siteId, key);
  if (existing) {
    assertSameRequest(existing, hash, account.id);
    return { result: await loadRedemption(tx, existing.id), created: false };
  }
  const reward = findReward(scope.program, request.rewardId);
  // The database's balance under the account lock decides; these checks only word the refusal, the CHECK on
  // the balance column is what makes overspending impossible.
  const { balance, stamps } = await settleAccount(tx, scope, account);
  if (balance < reward.cost) {
    throw new ApiError(409, 'insufficient_points', `${reward.name} costs ${reward.cost}; the balance is ${balance}`);
  }
  const stampCard = reward.id === STAMP_REWARD_ID ? scope.program.stampCard : null;
  if (stampCard && stamps < stampCard.size) {
    throw new ApiError(409, 'insufficient_points', `The stamp card has ${stamps} of ${stampCard.size} stamps`);
  }
  const { row } = await appendEntry(tx, scope.siteId, {
    account_id: account.id,
    type: 'redeem',
    points: -reward.cost,
    stamps: stampCard ? -stampCard.size : 0,
    reason: `Redeemed: ${reward.name}`,
    idempotency_key: key,
    request_hash: hash,
    created_at: scope.now,
    available_at: scope.now,
    expires_at: null,
  });
  const code = reward.code ?? `${randomAlphanumeric(4)}-${randomAlphanumeric(4)}`.toUpperCase();
  const { rows } = await tx.query<RedemptionRow>(
    `INSERT INTO loyalty_redemptions (id, site_id, account_id, entry_id, reward_id, reward_name, code, instruction, balance_after, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING id, reward_id, reward_name, code, instruction, balance_after, created_at, ${row.points}::int AS points`,
    [newId('rd'), scope.siteId, account.id, row.id, reward.id, reward.name, code, reward.instruction ?? null, balance - reward.cost, scope.now],
  );
  const result = toResult(rows[0] as RedemptionRow);
  const { id: redemptionId, rewardId, rewardName, points, balance: after } = result;
  await emitRewardRedeemed(tx, { siteId: scope.siteId, accountId: account.id, redemption: { redemptionId, rewardId, rewardName, points, balance: after }, at: scope.now });
  return { result, created: true };
}
