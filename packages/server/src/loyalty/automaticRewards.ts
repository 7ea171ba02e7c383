import type { Traits } from '@rapport/core/schemas';
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

/**
 * Grants the welcome reward (once per account) and the birthday and membership-anniversary rewards (once
 * per year each, keys `birthday:<account>:<year>` and `anniversary:<account>:<year>`) when due. Idempotent:
 * run it on every read (and from the scheduled job). Answers how many it granted now.
 */
export async function grantDueRewards(tx: SqlExecutor, scope: LedgerScope, account: AccountRow): Promise<number> {
  const { earn, pointsName } = scope.program;
  const grants: Parameters<typeof grantAutomatic>[3][] = [];
  if (earn.welcome > 0) {
    grants.push({ kind: 'welcome', key: `welcome:${account.id}`, points: earn.welcome, reason: `Welcome to ${pointsName}` });
  }
  const birthdayYear = account.birthday && earn.birthday > 0 ? dueYear(account.birthday, scope.now) : null;
  if (birthdayYear !== null) {
    grants.push({
      kind: 'birthday',
      key: `birthday:${account.id}:${birthdayYear}`,
      points: earn.birthday,
      reason: 'Happy birthday',
    });
  }
  const joined = account.joined_at.toISOString().slice(5, 10);
  const anniversaryYear = earn.anniversary > 0 ? dueYear(joined, scope.now, addDays(account.joined_at, 1)) : null;
  if (anniversaryYear !== null) {
    const years = anniversaryYear - account.joined_at.getUTCFullYear();
    grants.push({
      kind: 'anniversary',
      key: `anniversary:${account.id}:${anniversaryYear}`,
      points: earn.anniversary,
      reason: `${years} year${years === 1 ? '' : 's'} with us`,
    });
  }
  let granted = 0;
  for (const grant of grants) if ((await grantAutomatic(tx, scope, account, grant)).created) granted += 1;
  return granted;
}

/** Copies the contact's `birthday` trait onto the account when it differs. */
export async function syncBirthday(tx: SqlExecutor, account: AccountRow, traits: Traits): Promise<AccountRow> {
  const birthday = birthdayOf(traits);
  if (birthday === null || birthday === account.birthday) return account;
  await tx.query('UPDATE loyalty_accounts SET birthday = $2 WHERE id = $1', [account.id, birthday]);
  return { ...account, birthday };
}
