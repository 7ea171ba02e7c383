import type { CelebrationKind, LedgerEntry, LedgerEntryType } from '@rapport/core/schemas';
import { newId, randomAlphanumeric } from '../crypto/random.js';
import { ApiError } from '../http/ApiError.js';
import { sqlState, type SqlExecutor } from '../store/Store.js';
import { emitPointsAwarded, isAward } from '../webhooks/emitLoyaltyEvents.js';

/** A ledger row. */
export interface EntryRow {
  id: string;
  account_id: string;
  type: LedgerEntryType;
  points: number;
  stamps: number;
  reason: string;
  celebration: CelebrationKind | null;
  idempotency_key: string;
  request_hash: string;
  source_entry_id: string | null;
  clamped_from: number | null;
  created_at: Date;
  available_at: Date;
  expires_at: Date | null;
}

/** A loyalty account row. */
export interface AccountRow {
  id: string;
  site_id: string;
  contact_id: string;
  joined_at: Date;
  birthday: string | null;
  referral_code: string;
  celebrations_seen_at: Date | null;
  /** Spendable points, kept by the database with every ledger entry (never below zero: a CHECK refuses it). */
  balance: number;
  /** Stamps collected and available, kept like `balance`. */
  stamps: number;
  /** Earliest moment a lot may expire, or `null`: until then no write needs to fold the history. */
  next_expiry_at: Date | null;
}

const ENTRY_COLUMNS =
  'id, account_id, type, points, stamps, reason, celebration, idempotency_key, request_hash, source_entry_id, clamped_from, created_at, available_at, expires_at';
/** The columns of an {@link AccountRow}. */
export const ACCOUNT_COLUMNS = 'id, site_id, contact_id, joined_at, birthday, referral_code, celebrations_seen_at, balance, stamps, next_expiry_at';

/** The database's CHECK constraints that keep an account's balance and stamps at zero or more. */
const NONNEGATIVE_CONSTRAINTS = ['loyalty_accounts_balance_nonnegative', 'loyalty_accounts_stamps_nonnegative'];

/** The admin view of an entry. */
export function toLedgerEntry(row: EntryRow): LedgerEntry {
  return {
    id: row.id,
    type: row.type,
    points: row.points,
    reason: row.reason,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at.toISOString(),
    availableAt: row.available_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

/** Every entry of an account, in the order they were written (writes to an account hold its lock). */
export async function loadEntries(db: SqlExecutor, accountId: string): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM loyalty_ledger WHERE account_id = $1 ORDER BY seq`, [accountId]);
  return rows;
}

/** The entry with this key on the site, if any. */
export async function findEntryByKey(db: SqlExecutor, siteId: string, key: string): Promise<EntryRow | null> {
  const { rows } = await db.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM loyalty_ledger WHERE site_id = $1 AND idempotency_key = $2`, [siteId, key]);
  return rows[0] ?? null;
}

/** A new entry, before it has an id. */
export type NewEntry = Omit<EntryRow, 'id' | 'source_entry_id' | 'clamped_from' | 'celebration' | 'stamps'> &
  Partial<Pick<EntryRow, 'source_entry_id' | 'clamped_from' | 'celebration' | 'stamps'>>;

/** True when `error` is the database refusing to take a balance or a stamp count below zero. */
export function isBelowZero(error: unknown): boolean {
  if (sqlState(error) !== '23514') return false;
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  return NONNEGATIVE_CONSTRAINTS.some((name) => constraint === name || (typeof message === 'string' && message.includes(name)));
}

/**
 * Appends an entry unless its key is taken. The unique (site, key) constraint decides a race: a concurrent
 * insert with the same key waits for the first to commit, then inserts nothing. An existing entry with a
 * different request hash is 422 `idempotency_conflict`. The database posts the entry to the account's balance in
 * the same statement (or parks it in `loyalty_pending`); a debit beyond the balance is refused there and answers
 * 409 `insufficient_points`, with nothing written once the transaction rolls back. A new award (an `earn` or a
 * positive `adjust`) writes its `loyalty.points.awarded` webhook event in the same transaction.
 */
export async function appendEntry(tx: SqlExecutor, siteId: string, entry: NewEntry): Promise<{ row: EntryRow; created: boolean }> {
  const { rows } = await insertEntry(tx, siteId, entry).catch((error: unknown) => {
    if (isBelowZero(error)) throw new ApiError(409, 'insufficient_points', 'Not enough points or stamps: the balance cannot go below zero');
    throw error;
  });
  if (rows[0]) {
    if (isAward(rows[0])) await emitPointsAwarded(tx, { siteId, entry: rows[0] });
    return { row: rows[0], created: true };
  }
  const existing = await findEntryByKey(tx, siteId, entry.idempotency_key);
  if (!existing) throw new Error('Ledger entry vanished between insert and select');
  assertSameRequest(existing, entry.request_hash, entry.account_id);
  return { row: existing, created: false };
}

function insertEntry(tx: SqlExecutor, siteId: string, entry: NewEntry): Promise<{ rows: EntryRow[] }> {
  return tx.query<EntryRow>(
    `INSERT INTO loyalty_ledger (id, site_id, account_id, type, points, stamps, reason, celebration, idempotency_key, request_hash,
       source_entry_id, clamped_from, created_at, available_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (site_id, idempotency_key) DO NOTHING RETURNING ${ENTRY_COLUMNS}`,
    [
      newId('le'), siteId, entry.account_id, entry.type, entry.points, entry.stamps ?? 0, entry.reason, entry.celebration ?? null,
      entry.idempotency_key, entry.request_hash, entry.source_entry_id ?? null, entry.clamped_from ?? null, entry.created_at,
      entry.available_at, entry.expires_at,
    ],
  );
}

/** 422 `idempotency_conflict` when a key comes back with a different request (or for another member). */
export function assertSameRequest(existing: EntryRow, requestHash: string, accountId?: string): void {
  if (existing.request_hash !== requestHash || (accountId !== undefined && existing.account_id !== accountId)) {
    throw new ApiError(422, 'idempotency_conflict', 'This key was already used for a different request; use a new key for a new request');
  }
}

/** Locks an account row until the transaction ends: every balance-changing write takes this lock first. */
export async function lockAccount(tx: SqlExecutor, accountId: string): Promise<AccountRow> {
  const { rows } = await tx.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM loyalty_accounts WHERE id = $1 FOR UPDATE`, [accountId]);
  if (!rows[0]) throw new Error('Loyalty account vanished');
  return rows[0];
}

/**
 * Posts the account's pending entries that are available at `now` to its balance and stamps (each exactly once:
 * they leave `loyalty_pending` in the same statement) and answers the account as it is then. Call with the
 * account locked and `now` read after the lock.
 */
export async function postDueEntries(tx: SqlExecutor, account: AccountRow, now: Date): Promise<AccountRow> {
  const { rows } = await tx.query<Pick<AccountRow, 'balance' | 'stamps'>>(
    `WITH due AS (DELETE FROM loyalty_pending WHERE account_id = $1 AND available_at <= $2 RETURNING points, stamps),
       total AS (SELECT count(*) AS n, COALESCE(sum(points), 0)::integer AS points, COALESCE(sum(stamps), 0)::integer AS stamps FROM due)
     UPDATE loyalty_accounts a SET balance = a.balance + total.points, stamps = a.stamps + total.stamps
     FROM total WHERE a.id = $1 AND total.n > 0 RETURNING a.balance, a.stamps`,
    [account.id, now],
  );
  return rows[0] ? { ...account, balance: rows[0].balance, stamps: rows[0].stamps } : account;
}

/** Whether an entry is still waiting in `loyalty_pending` (not yet posted to the balance). */
export async function isPending(tx: SqlExecutor, entryId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM loyalty_pending WHERE entry_id = $1', [entryId]);
  return rows.length > 0;
}

/** The account of a contact, or `null`. */
export async function findAccount(db: SqlExecutor, contactId: string, lock = false): Promise<AccountRow | null> {
  const { rows } = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM loyalty_accounts WHERE contact_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [contactId],
  );
  return rows[0] ?? null;
}

/** Records that the card's celebrations up to `at` were seen: the card shows none older. */
export async function markCelebrationsSeen(tx: SqlExecutor, accountId: string, at: Date): Promise<void> {
  await tx.query('UPDATE loyalty_accounts SET celebrations_seen_at = $2 WHERE id = $1', [accountId, at]);
}

const REFERRAL_ALPHABET = /[^A-Z2-9]/g;

/** The contact's account, created (with a unique referral code) when missing, and locked. */
export async function ensureAccount(
  tx: SqlExecutor,
  input: { siteId: string; contactId: string; now: Date },
): Promise<{ account: AccountRow; created: boolean }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const code = randomAlphanumeric(24).toUpperCase().replace(REFERRAL_ALPHABET, '').slice(0, 8);
    if (code.length < 8) continue;
    const inserted = await tx.query(
      `INSERT INTO loyalty_accounts (id, site_id, contact_id, joined_at, referral_code) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [newId('la'), input.siteId, input.contactId, input.now, code],
    );
    const account = await findAccount(tx, input.contactId, true);
    if (account) return { account, created: inserted.rows.length > 0 };
  }
  throw new Error('Could not create a loyalty account');
}
