import type { LoyaltyProgram, Traits } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';
import { addDays } from './accountState.js';
import type { AccountRow } from './ledgerQueries.js';
import type { LedgerScope } from './LedgerScope.js';
import { grantAutomatic } from './ledgerWrites.js';

/** Days after a birthday or anniversary in which a first visit still grants its reward. */
export const CELEBRATION_WINDOW_DAYS = 30;

/** `MM-DD` of a `birthday` trait given as `YYYY-MM-DD` or `MM-DD`, or `null`. */
export function birthdayOf(traits: Traits): string | null {
  const value = traits.birthday;
  if (typeof value !== 'string') return null;
  const match = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${match[1]}-${match[2]}` : null;
}

/** The year whose `MM-DD` (UTC) falls within the window ending now, or `null`. */
function dueYear(monthDay: string, now: Date, after?: Date): number | null {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  for (const year of [now.getUTCFullYear(), now.getUTCFullYear() - 1]) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (after && date.getTime() <= after.getTime()) continue;
    if (date.getTime() <= now.getTime() && now.getTime() < addDays(date, CELEBRATION_WINDOW_DAYS).getTime()) return year;
  }
  return null;
}

/** An automatic reward: which celebration, its ledger key (once per account, or per account and year), points, wording. */
export interface AutomaticGrant {
  kind: 'welcome' | 'birthday' | 'anniversary';
  key: string;
  points: number;
  reason: string;
}

/**
 * The automatic rewards the program gives `account` at `now`, granted or not: the welcome reward (once per
 * account) and the birthday and membership-anniversary rewards whose window is open (once per year each, keys
 * `birthday:<account>:<year>` and `anniversary:<account>:<year>`). Pure: the ledger key says whether each is granted.
 */
export function dueGrants(program: LoyaltyProgram, account: Pick<AccountRow, 'id' | 'birthday' | 'joined_at'>, now: Date): AutomaticGrant[] {
  const { earn, pointsName } = program;
  const grants: AutomaticGrant[] = [];
  if (earn.welcome > 0) {
    grants.push({ kind: 'welcome', key: `welcome:${account.id}`, points: earn.welcome, reason: `Welcome to ${pointsName}` });
  }
  const birthdayYear = account.birthday && earn.birthday > 0 ? dueYear(account.birthday, now) : null;
  if (birthdayYear !== null) {
    grants.push({
      kind: 'birthday',
      key: `birthday:${account.id}:${birthdayYear}`,
      points: earn.birthday,
      reason: 'Happy birthday',
    });
  }
  const joined = account.joined_at.toISOString().slice(5, 10);
  const anniversaryYear = earn.anniversary > 0 ? dueYear(joined, now, addDays(account.joined_at, 1)) : null;
  if (anniversaryYear !== null) {
    const years = anniversaryYear - account.joined_at.getUTCFullYear();
    grants.push({
      kind: 'anniversary',
      key: `anniversary:${account.id}:${anniversaryYear}`,
      points: earn.anniversary,
      reason: `${years} year${years === 1 ? '' : 's'} with us`,
    });
  }
  return grants;
}

/**
 * Grants the automatic rewards now due ({@link dueGrants}) that are not in the ledger yet. Idempotent (the ledger
 * key decides): the write path runs it, and so does the scheduled job. Answers how many it granted now.
 */
export async function grantDueRewards(tx: SqlExecutor, scope: LedgerScope, account: AccountRow): Promise<number> {
  let granted = 0;
  for (const grant of dueGrants(scope.program, account, scope.now)) if ((await grantAutomatic(tx, scope, account, grant)).created) granted += 1;
  return granted;
}

/** Whether the contact's `birthday` trait differs from the account's copy ({@link syncBirthday} would write it). */
export function birthdayDiffers(account: Pick<AccountRow, 'birthday'>, traits: Traits): boolean {
  const birthday = birthdayOf(traits);
  return birthday !== null && birthday !== account.birthday;
}

/** Copies the contact's `birthday` trait onto the account when it differs. */
export async function syncBirthday(tx: SqlExecutor, account: AccountRow, traits: Traits): Promise<AccountRow> {
  if (!birthdayDiffers(account, traits)) return account;
  const birthday = birthdayOf(traits);
  await tx.query('UPDATE loyalty_accounts SET birthday = $2 WHERE id = $1', [account.id, birthday]);
  return { ...account, birthday };
}
