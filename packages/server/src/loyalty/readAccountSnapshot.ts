import type { LoyaltyProgram, LoyaltyProgramInput, Traits } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';
import { ACCOUNT_COLUMNS, type AccountRow, type EntryRow } from './ledgerQueries.js';
import { CURRENT_PROGRAM_SQL, toProgram } from './programQueries.js';

/** Whose account a snapshot reads: by contact id (the bootstrap's contact), external id, or account id. */
export type SnapshotKey = { contactId: string } | { externalId: string } | { accountId: string };

/** Everything a card or a member view is built from, read in one statement (one consistent snapshot). */
export interface AccountSnapshot {
  program: LoyaltyProgram;
  /** The contact, or `null` when there is none (or, by account id, none with an external id). */
  contact: { id: string; externalId: string | null; traits: Traits } | null;
  /** The contact's account, or `null` before it joined. */
  account: AccountRow | null;
  /** Every ledger entry of the account, in the order written (empty without an account). */
  entries: EntryRow[];
  /** Points still waiting in `loyalty_pending`. */
  pending: number;
  /** Whether a pending entry is available at the snapshot's `now` but not posted yet (a write would post it). */
  pendingDue: boolean;
}

/** The account's columns come flat beside the program's and the contact's (`id` `null` before it joined). */
interface SnapshotRow extends Omit<AccountRow, 'id' | 'contact_id'> {
  program_version: number;
  program_config: LoyaltyProgramInput;
  program_created_at: Date;
  contact_id: string | null;
  external_id: string | null;
  traits: Traits | null;
  id: string | null;
  entries: EntryTuple[] | null;
  pending: number;
  pending_due: boolean;
}

/** An entry as `json_build_array` gives it: the order of ENTRY_TUPLE below; times as ISO strings. */
type EntryTuple = [string, EntryRow['type'], number, number, string, EntryRow['celebration'], string, string, string | null, number | null, string, string, string | null];

const ENTRY_TUPLE =
  'json_build_array(id, type, points, stamps, reason, celebration, idempotency_key, request_hash, source_entry_id, clamped_from, created_at, available_at, expires_at)';

const CONTACT_BY: Record<'contactId' | 'externalId' | 'accountId', string> = {
  contactId: 'site_id = $1 AND id = $2',
  externalId: 'site_id = $1 AND external_id = $2',
  accountId: 'site_id = $1 AND external_id IS NOT NULL AND id = (SELECT contact_id FROM loyalty_accounts WHERE id = $2 AND site_id = $1)',
};

function sqlFor(by: keyof typeof CONTACT_BY): string {
  return `WITH program AS (${CURRENT_PROGRAM_SQL}),
    contact AS (SELECT id, external_id, traits FROM contacts WHERE ${CONTACT_BY[by]}),
    account AS (SELECT ${ACCOUNT_COLUMNS} FROM loyalty_accounts WHERE contact_id = (SELECT id FROM contact) AND site_id = $1)
    SELECT p.version AS program_version, p.config AS program_config, p.created_at AS program_created_at,
      c.id AS contact_id, c.external_id, c.traits,
      a.id, a.site_id, a.joined_at, a.birthday, a.referral_code, a.celebrations_seen_at, a.balance, a.stamps, a.next_expiry_at,
      (SELECT json_agg(${ENTRY_TUPLE} ORDER BY seq) FROM loyalty_ledger WHERE account_id = a.id) AS entries,
      (SELECT COALESCE(sum(points), 0)::integer FROM loyalty_pending WHERE account_id = a.id) AS pending,
      EXISTS (SELECT 1 FROM loyalty_pending WHERE account_id = a.id AND available_at <= $3) AS pending_due
    FROM program p LEFT JOIN contact c ON true LEFT JOIN account a ON true`;
}

const SQL = { contactId: sqlFor('contactId'), externalId: sqlFor('externalId'), accountId: sqlFor('accountId') };

function toEntry(tuple: EntryTuple, accountId: string): EntryRow {
  const [id, type, points, stamps, reason, celebration, key, hash, source, clamped, created, available, expires] = tuple;
  return {
    id,
    account_id: accountId,
    type,
    points,
    stamps,
    reason,
    celebration,
    idempotency_key: key,
    request_hash: hash,
    source_entry_id: source,
    clamped_from: clamped,
    created_at: new Date(created),
    available_at: new Date(available),
    expires_at: expires === null ? null : new Date(expires),
  };
}

/**
 * The site's program, the contact, its account, the account's whole ledger and its pending points, in ONE
 * statement: no transaction, no lock, no write, and every figure from the same snapshot (the balance column and the
 * ledger cannot disagree). `null` when the site has no program. `now` only decides `pendingDue`.
 */
export async function readAccountSnapshot(db: SqlExecutor, input: { siteId: string; key: SnapshotKey; now: Date }): Promise<AccountSnapshot | null> {
  const [by, value] =
    'contactId' in input.key ? (['contactId', input.key.contactId] as const)
    : 'externalId' in input.key ? (['externalId', input.key.externalId] as const)
    : (['accountId', input.key.accountId] as const);
  const { rows } = await db.query<SnapshotRow>(SQL[by], [input.siteId, value, input.now]);
  const row = rows[0];
  if (!row) return null;
  const program = toProgram({ version: row.program_version, config: row.program_config, created_at: row.program_created_at });
  const contact = row.contact_id === null ? null : { id: row.contact_id, externalId: row.external_id, traits: row.traits ?? {} };
  if (row.id === null || contact === null) return { program, contact, account: null, entries: [], pending: 0, pendingDue: false };
  const account: AccountRow = {
    id: row.id,
    site_id: row.site_id,
    contact_id: contact.id,
    joined_at: row.joined_at,
    birthday: row.birthday,
    referral_code: row.referral_code,
    celebrations_seen_at: row.celebrations_seen_at,
    balance: row.balance,
    stamps: row.stamps,
    next_expiry_at: row.next_expiry_at,
  };
  const entries = (row.entries ?? []).map((tuple) => toEntry(tuple, account.id));
  return { program, contact, account, entries, pending: row.pending, pendingDue: row.pending_due };
}
