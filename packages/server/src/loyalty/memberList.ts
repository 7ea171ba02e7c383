import type { LoyaltyMemberListItem, LoyaltyProgram, Traits } from '@rapport/core/schemas';
import type { KeysetPosition } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';
import { findMember } from './openAccount.js';
import { settleAccount } from './ledgerWrites.js';
import { programOr404 } from './programQueries.js';
import { accountDue } from './snapshotDue.js';
import { tierStatus, type TierEntry } from './tierStatus.js';

/** What {@link listMembers} lists. */
export interface MemberListInput {
  siteId: string;
  /** The clock: the time the figures are shown at, read again once a member with something due is locked. */
  clock: () => Date;
  /** Members on the page. */
  limit: number;
  /** List only members strictly after this position (the previous page's last member); `null` from the start. */
  after: KeysetPosition | null;
  /** Only members whose external id or `name` trait contains this text, ignoring case; `null` for every member. */
  q: string | null;
}

/** A page of members and, when more follow, the position of its last member. */
export interface MemberListPage {
  members: LoyaltyMemberListItem[];
  next: KeysetPosition | null;
}

interface MemberRow {
  id: string;
  external_id: string;
  joined_at: Date;
  birthday: string | null;
  balance: number;
  next_expiry_at: Date | null;
  name: string | null;
  birthday_trait: unknown;
  pending: number;
  pending_due: boolean;
  lifetime: number;
  last_activity: Date | null;
  celebration_keys: string[];
  /** `earn` and `reverse` entries as `[id, type, points, source id, created, available]`; only with tier retention. */
  earnings: Array<[string, 'earn' | 'reverse', number, string | null, string, string]> | null;
}

/** Runs `fn` in its own transaction. */
type Transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>;

/** `text` as a LIKE pattern matching it anywhere, with LIKE's own characters taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const NAME = `CASE WHEN jsonb_typeof(c.traits -> 'name') = 'string' THEN c.traits ->> 'name' END`;
// Both sides are in the trigram indexes of migration 0015 (partial on `external_id IS NOT NULL`, as the search is).
const searchCondition = (pattern: string) =>
  `c.external_id ILIKE ${pattern} OR (jsonb_typeof(c.traits -> 'name') = 'string' AND c.traits ->> 'name' ILIKE ${pattern})`;
const EARNINGS = `json_agg(json_build_array(id, type, points, source_entry_id, created_at, available_at) ORDER BY seq)
  FILTER (WHERE type IN ('earn', 'reverse'))`;

/**
 * The page in ONE statement: the keyset walks `loyalty_accounts_joined_idx` (site, joined_at DESC, id DESC) and stops
 * after `limit` rows, or, for a search the planner expects to be rare, finds its contacts in the trigram indexes
 * first (a search matching most members walks the join order instead, and stops as soon as the page is full). Only then, per member on the
 * page, its pending points (`loyalty_pending`) and one pass over its own ledger (`loyalty_ledger_account_idx`) for
 * lifetime points, last activity, the automatic rewards granted and, with tier retention, the earnings the tier
 * needs. One text per shape (cursor or not, search or not): no condition hangs on a parameter being null, so even a
 * prepared statement's generic plan can seek the cursor in the index.
 */
function pageSql(shape: { after: boolean; search: boolean; retention: boolean }): string {
  const { after, search, retention } = shape;
  const limit = after ? '$5' : '$3';
  return `
    SELECT m.id, m.external_id, m.joined_at, m.birthday, m.balance, m.next_expiry_at, m.name, m.birthday_trait,
      COALESCE(p.pending, 0)::integer AS pending, COALESCE(p.due, false) AS pending_due,
      COALESCE(l.lifetime, 0)::integer AS lifetime, l.last_activity, COALESCE(l.celebration_keys, '{}') AS celebration_keys,
      ${retention ? 'l.earnings' : 'NULL::json AS earnings'}
    FROM (
      SELECT a.id, a.joined_at, a.birthday, a.balance, a.next_expiry_at, c.external_id, ${NAME} AS name,
        c.traits -> 'birthday' AS birthday_trait
      FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id
      WHERE a.site_id = $1 AND c.site_id = $1 AND c.external_id IS NOT NULL
        ${after ? 'AND (a.joined_at, a.id) < ($3::timestamptz, $4::text)' : ''}
        ${search ? `AND (${searchCondition(after ? '$6' : '$4')})` : ''}
      ORDER BY a.joined_at DESC, a.id DESC
      LIMIT ${limit}) m
    LEFT JOIN LATERAL (
      SELECT sum(points) AS pending, bool_or(available_at <= $2) AS due FROM loyalty_pending WHERE account_id = m.id) p ON true
    LEFT JOIN LATERAL (
      SELECT sum(points) FILTER (WHERE type IN ('earn', 'reverse') AND available_at <= $2) AS lifetime,
        max(created_at) AS last_activity,
        array_agg(idempotency_key) FILTER (WHERE celebration IS NOT NULL) AS celebration_keys
        ${retention ? `, ${EARNINGS} AS earnings` : ''}
      FROM loyalty_ledger WHERE account_id = m.id) l ON true
    ORDER BY m.joined_at DESC, m.id DESC`;
}

async function memberRows(db: SqlExecutor, program: LoyaltyProgram, input: MemberListInput, now: Date): Promise<MemberRow[]> {
  const sql = pageSql({ after: input.after !== null, search: input.q !== null, retention: program.tierRetention });
  const params: unknown[] = [input.siteId, now];
  if (input.after) params.push(input.after.at, input.after.id);
  params.push(input.limit);
  if (input.q !== null) params.push(containsPattern(input.q));
  const { rows } = await db.query<MemberRow>(sql, params);
  return rows;
}

/** The member's tier name at `now`, as `tierStatus` finds it over the whole ledger (only earnings count). */
function tierName(program: LoyaltyProgram, row: MemberRow, now: Date): string {
  if (row.earnings === null) {
    // Without retention a tier is held by lifetime points alone.
    const index = program.tiers.findLastIndex((tier, i) => i > 0 && row.lifetime >= tier.threshold);
    return program.tiers[Math.max(0, index)]!.name;
  }
  const entries: TierEntry[] = row.earnings.map(([id, type, points, source, created, available]) => ({
    id,
    type,
    points,
    source_entry_id: source,
    created_at: new Date(created),
    available_at: new Date(available),
  }));
  return tierStatus(program, entries, now).name;
}

function toItem(program: LoyaltyProgram, row: MemberRow, now: Date): LoyaltyMemberListItem {
  return {
    externalId: row.external_id,
    name: row.name,
    balance: row.balance,
    pending: row.pending,
    lifetimePoints: row.lifetime,
    tierName: tierName(program, row, now),
    joinedAt: row.joined_at.toISOString(),
    lastActivityAt: row.last_activity?.toISOString() ?? null,
  };
}

function isDue(program: LoyaltyProgram, row: MemberRow, now: Date): boolean {
  const traits: Traits = row.birthday_trait === null || row.birthday_trait === undefined ? {} : { birthday: row.birthday_trait as Traits[string] };
  const due = accountDue({ program, account: row, traits, keys: new Set(row.celebration_keys), pendingDue: row.pending_due, now });
  return due.length > 0;
}

/**
 * A page of the site's loyalty members, newest member first: by join date, then account id, both fixed when the
 * account opens, so paging with `after` never skips or repeats a member while points are being written.
 *
 * The figures are those `GET /v1/admin/contacts/{externalId}/loyalty` shows. The page is one statement; a member on
 * it with something due (a reward not granted yet, pending points now available, points past their expiry: the
 * maintenance job settles these, so normally none) is first brought up to date by the write path, in a short
 * transaction holding only that member's lock, and the page read once more.
 */
export async function listMembers(db: SqlExecutor, transaction: Transaction, input: MemberListInput): Promise<MemberListPage> {
  const program = await programOr404(db, input.siteId);
  const query = { ...input, limit: input.limit + 1 };
  let now = input.clock();
  let rows = await memberRows(db, program, query, now);
  const due = rows.slice(0, input.limit).filter((row) => isDue(program, row, now));
  if (due.length > 0) {
    for (const row of due) {
      await transaction(async (tx) => {
        const open = await findMember(tx, { siteId: input.siteId, clock: input.clock, accountId: row.id });
        await settleAccount(tx, open.scope, open.account);
      });
    }
    now = input.clock();
    rows = await memberRows(db, program, query, now);
  }
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    members: page.map((row) => toItem(program, row, now)),
    next: rows.length > input.limit && last ? { at: last.joined_at, id: last.id } : null,
  };
}
