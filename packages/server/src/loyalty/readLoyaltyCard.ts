import type { LoyaltyAccountSummary, LoyaltyMember, LoyaltyProgram, Traits } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';
import { computeAccountState } from './accountState.js';
import { buildSummary } from './buildSummary.js';
import { cardChangesAt } from './cardChangesAt.js';
import { toLedgerEntry } from './ledgerQueries.js';
import { readAccountSnapshot, type AccountSnapshot, type SnapshotKey } from './readAccountSnapshot.js';
import { accountDue, claimsHeld, type DueReason } from './snapshotDue.js';

/** What {@link readLoyaltyCard} and {@link readLoyaltyMember} read. */
export interface LoyaltyReadInput {
  siteId: string;
  /** Whose card: the contact's id (the bootstrap's), an external id, or (member views only) an account id. */
  key: SnapshotKey;
  /**
   * A visitor token's claims (`name`, `email`): the write path merges them into the contact, so a read whose
   * contact lacks them is `due` (`contact`). Default: none (the bootstrap resolved the contact already; admin reads).
   */
  claims?: Traits;
  /** The time the card is shown at: the clock, read once. */
  now: Date;
}

/** A plain read's answer: no program, no such member (admin reads), something due (take the write path), or the card. */
export type LoyaltyRead<T> =
  | { status: 'no_program' }
  | { status: 'not_found' }
  | { status: 'due'; due: DueReason[]; program: LoyaltyProgram }
  | {
      status: 'ready';
      value: T;
      /** The first instant (epoch ms) after `now` at which time alone may change `value` (see `cardChangesAt`). */
      changesAt: number;
    };

type Settled = AccountSnapshot & { account: NonNullable<AccountSnapshot['account']>; contact: NonNullable<AccountSnapshot['contact']> };

/** The snapshot, or why it cannot be shown as it is. `join` when there is no account (a visitor joins on read). */
async function readSettled(db: SqlExecutor, input: LoyaltyReadInput): Promise<LoyaltyRead<Settled>> {
  const snapshot = await readAccountSnapshot(db, input);
  if (!snapshot) return { status: 'no_program' };
  const { program, contact, account } = snapshot;
  if (!contact || (input.claims && !claimsHeld(contact.traits, input.claims))) return { status: 'due', due: ['contact'], program };
  if (!account) return { status: 'due', due: ['join'], program };
  const keys = new Set(snapshot.entries.filter((e) => e.celebration !== null).map((e) => e.idempotency_key));
  const due = accountDue({ program, account, traits: contact.traits, keys, pendingDue: snapshot.pendingDue, now: input.now });
  if (due.length > 0) return { status: 'due', due, program };
  return { status: 'ready', value: { ...snapshot, account, contact }, changesAt: Number.POSITIVE_INFINITY };
}

function cardOf(snapshot: Settled, now: Date): LoyaltyAccountSummary {
  const { program, account, entries } = snapshot;
  // As `readAccountState` answers it once settled: the database's balance, stamps and pending, the history folded.
  const state = { ...computeAccountState(entries, now), balance: account.balance, stamps: account.stamps, pending: snapshot.pending };
  return buildSummary({ program, account, entries, state, now });
}

/**
 * A member's card as a plain read: one statement, no transaction, no lock, no write. `ready` with the card exactly
 * as the write path (`openVisitorAccount`/`openContactAccount`, `grantDueRewards`, `readCard`) would answer it at
 * `now` when that path would write nothing; `due` (with why) when it would write, so the caller runs it then.
 * A contact without an account is `due` (`join`): a visitor joins on their first read.
 */
export async function readLoyaltyCard(db: SqlExecutor, input: LoyaltyReadInput): Promise<LoyaltyRead<LoyaltyAccountSummary>> {
  const read = await readSettled(db, input);
  if (read.status !== 'ready') return read;
  const card = cardOf(read.value, input.now);
  return { status: 'ready', value: card, changesAt: cardChangesAt({ ...read.value, card }, input.now) };
}

/**
 * The admin view of a member (card and full ledger) as a plain read, as {@link readLoyaltyCard}; `not_found` when
 * the contact has no account (an admin read never joins anyone: `findMember` answers 404 then).
 */
export async function readLoyaltyMember(db: SqlExecutor, input: LoyaltyReadInput): Promise<LoyaltyRead<LoyaltyMember>> {
  const read = await readSettled(db, input);
  if (read.status === 'due' && (read.due[0] === 'contact' || read.due[0] === 'join')) return { status: 'not_found' };
  if (read.status !== 'ready') return read;
  const snapshot = read.value;
  const externalId = snapshot.contact.externalId;
  if (externalId === null) return { status: 'not_found' };
  const summary = cardOf(snapshot, input.now);
  return {
    status: 'ready',
    value: { externalId, joinedAt: snapshot.account.joined_at.toISOString(), summary, ledger: snapshot.entries.map(toLedgerEntry) },
    changesAt: cardChangesAt({ ...snapshot, card: summary }, input.now),
  };
}
