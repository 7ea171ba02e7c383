import type { LoyaltyProgram, Traits } from '@rapport/core/schemas';
import { birthdayDiffers, dueGrants } from './automaticRewards.js';
import type { AccountRow } from './ledgerQueries.js';

/**
 * What the write path would change before it answers, and so why a read must take it instead:
 * - `contact`: the contact is missing, or the token's claims (`name`, `email`) differ from its traits;
 * - `join`: the contact has no account yet;
 * - `birthday`: the `birthday` trait differs from the account's copy;
 * - `reward`: an automatic reward (welcome, birthday, anniversary) is due and not in the ledger;
 * - `pending`: a pending entry is available now and not posted to the balance;
 * - `expiry`: a lot may have expired (`next_expiry_at` has passed) and is not written off.
 */
export type DueReason = 'contact' | 'join' | 'birthday' | 'reward' | 'pending' | 'expiry';

/** What {@link accountDue} looks at: one account, its contact's traits and the keys already in its ledger. */
export interface AccountDueInput {
  program: LoyaltyProgram;
  account: Pick<AccountRow, 'id' | 'birthday' | 'joined_at' | 'next_expiry_at'>;
  traits: Traits;
  /** Idempotency keys of the account's ledger (at least its automatic rewards'). */
  keys: ReadonlySet<string>;
  pendingDue: boolean;
  now: Date;
}

/**
 * Why the write path (`syncBirthday`, `grantDueRewards`, `settleAccount`) would write for an existing account at
 * `now`; empty when it would write nothing, so a plain read shows exactly what it would show.
 */
export function accountDue(input: AccountDueInput): DueReason[] {
  const { program, account, now } = input;
  const due: DueReason[] = [];
  if (birthdayDiffers(account, input.traits)) due.push('birthday');
  // With the birthday copied over a birthday reward may fall due as well: the write path decides that once it runs.
  if (dueGrants(program, account, now).some((grant) => !input.keys.has(grant.key))) due.push('reward');
  if (input.pendingDue) due.push('pending');
  if (account.next_expiry_at !== null && account.next_expiry_at.getTime() <= now.getTime()) due.push('expiry');
  return due;
}

/** Whether each of `claims` (a token's `name`, `email`) is already the contact's trait: upserting would change nothing. */
export function claimsHeld(traits: Traits, claims: Traits): boolean {
  return Object.entries(claims).every(([key, value]) => traits[key] === value);
}
