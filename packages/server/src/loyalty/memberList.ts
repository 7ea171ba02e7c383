import type { LoyaltyMember, LoyaltyMemberListItem } from '@rapport/core/schemas';
import type { KeysetPosition } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';
import { findMember, readMember } from './openAccount.js';

/** What {@link listMembers} lists. */
export interface MemberListInput {
  siteId: string;
  /** The clock, read for each member once its account is locked. */
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
  joined_at: Date;
  name: string | null;
}

/** Runs `fn` in its own transaction. */
type Transaction = <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>;

/** `text` as a LIKE pattern matching it anywhere, with LIKE's own characters taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function memberRows(db: SqlExecutor, input: MemberListInput): Promise<MemberRow[]> {
  const { rows } = await db.query<MemberRow>(
    `SELECT a.id, a.joined_at,
       CASE WHEN jsonb_typeof(c.traits -> 'name') = 'string' THEN c.traits ->> 'name' END AS name
     FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id
     WHERE a.site_id = $1 AND c.site_id = $1 AND c.external_id IS NOT NULL
       AND ($2::timestamptz IS NULL OR (a.joined_at, a.id) < ($2::timestamptz, $3::text))
       AND ($4::text IS NULL OR c.external_id ILIKE $4 ESCAPE '\\'
         OR (jsonb_typeof(c.traits -> 'name') = 'string' AND c.traits ->> 'name' ILIKE $4 ESCAPE '\\'))
     ORDER BY a.joined_at DESC, a.id DESC
     LIMIT $5`,
    [input.siteId, input.after?.at ?? null, input.after?.id ?? null, input.q === null ? null : containsPattern(input.q), input.limit],
  );
  return rows;
}

/** The newest `createdAt` of a member's ledger, or `null` while it is empty. */
function lastActivity(member: LoyaltyMember): string | null {
  let newest: string | null = null;
  for (const entry of member.ledger) if (newest === null || Date.parse(entry.createdAt) > Date.parse(newest)) newest = entry.createdAt;
  return newest;
}

/**
 * A page of the site's loyalty members, newest member first: by join date, then account id, both fixed when the
 * account opens, so paging with `after` never skips or repeats a member while points are being written.
 *
 * Each member is read exactly as `GET /v1/admin/contacts/{externalId}/loyalty` reads them (`findMember` then
 * `readMember`: rewards now due granted, expired points written off, the card built from the ledger), one member per
 * short transaction holding only that member's lock, so the figures listed are the figures the member view shows.
 */
export async function listMembers(db: SqlExecutor, transaction: Transaction, input: MemberListInput): Promise<MemberListPage> {
  const rows = await memberRows(db, { ...input, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const members: LoyaltyMemberListItem[] = [];
  for (const row of page) {
    const member = await transaction(async (tx) =>
      readMember(tx, await findMember(tx, { siteId: input.siteId, clock: input.clock, accountId: row.id })),
    );
    const { summary } = member;
    members.push({
      externalId: member.externalId,
      name: row.name,
      balance: summary.balance,
      pending: summary.pending,
      lifetimePoints: summary.lifetimePoints,
      tierName: summary.tier.name,
      joinedAt: member.joinedAt,
      lastActivityAt: lastActivity(member),
    });
  }
  const last = page[page.length - 1];
  return { members, next: rows.length > input.limit && last ? { at: last.joined_at, id: last.id } : null };
}
