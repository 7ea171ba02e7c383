import type { SqlExecutor } from '../store/Store.js';
import { consentRowHashSql } from './consentEventRow.js';
import { newWalkState, type WalkPacing, type WalkState } from './walkConsentEvents.js';

/** Where a keyset page starts: after an event already verified, or at the first event of a contact after `lower`. */
type PageStart = { after: { contactId: string; sequence: number; hash: string } } | { lower: string | null };

/** The one row a page query answers: its first broken event, or its last event when none is broken. */
interface PageVerdict {
  id: string;
  contact_id: string;
  sequence: number;
  hash: string;
  /** The event's position in the page, from 1: on the verdict of an unbroken page, the page's length. */
  n: number;
  ok: boolean;
}

const content = consentRowHashSql('page');

/**
 * One keyset page of a site's events (by contact, then sequence), verified by the database and answered as one row:
 * the first event that breaks its chain, or the page's last event. Every event is checked as `walkConsentEvents`
 * checks one: its content hash ({@link consentRowHashSql}: the same canonical JSON and SHA-256), its sequence (1 for
 * a chain's first event, else the previous event's plus one) and its `previous_hash` (null for a chain's first, else
 * the previous event's stored hash). The event before the page's first is the previous page's last, verified by
 * that page, or none.
 *
 * The page is read from consent_events_site_idx (site_id, contact_id, sequence): the row comparison and the bounds
 * on contact_id are index conditions beside the site's equality, so each page is one index descent and a short scan
 * however deep into the log. Not `(site_id, contact_id, sequence) > (…)`: the planner then keeps only the equality
 * to position the scan and filters every earlier event of the site again on each page. The verdict is the first
 * row, in the window's (the index's) order, that is broken or last: no sort, and the scan stops there.
 */
function pageQuery(input: { siteId: string; pageSize: number; start: PageStart; upper: string | null }): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const $ = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const where = [`site_id = ${$(input.siteId, 'text')}`];
  const { start } = input;
  let before = { contactId: 'NULL::text', sequence: 'NULL::bigint', hash: 'NULL::text' };
  if ('after' in start) {
    const { after } = start;
    before = { contactId: $(after.contactId, 'text'), sequence: $(after.sequence, 'bigint'), hash: $(after.hash, 'text') };
    where.push(`(contact_id, sequence) > (${before.contactId}, ${$(after.sequence, 'int')})`);
  } else if (start.lower !== null) {
    where.push(`contact_id > ${$(start.lower, 'text')}`);
  }
  if (input.upper !== null) where.push(`contact_id <= ${$(input.upper, 'text')}`);
  const sql = `WITH page AS (
    SELECT * FROM consent_events WHERE ${where.join(' AND ')} ORDER BY contact_id, sequence LIMIT ${$(input.pageSize, 'int')}
  ), checked AS (
    SELECT page.id, page.contact_id, page.sequence, page.hash, row_number() OVER w AS n, lead(true) OVER w IS NULL AS last,
      coalesce(${content.hash} = page.hash AND CASE
        WHEN page.contact_id = lag(page.contact_id, 1, ${before.contactId}) OVER w
          THEN page.sequence::bigint = lag(page.sequence::bigint, 1, ${before.sequence}) OVER w + 1
            AND page.previous_hash = lag(page.hash, 1, ${before.hash}) OVER w
        ELSE page.sequence = 1 AND page.previous_hash IS NULL
      END, false) AS ok
    FROM page, ${content.from}
    WINDOW w AS (ORDER BY page.contact_id, page.sequence)
  )
  SELECT id, contact_id, sequence, hash, n::int AS n, ok FROM checked WHERE last OR NOT ok ORDER BY contact_id, sequence LIMIT 1`;
  return { sql, params };
}

/** Counts `events` checked towards the next yield, giving the event loop back every `pacing.yieldEvery` of them. */
async function pace(state: WalkState, events: number, pacing: WalkPacing): Promise<void> {
  state.sinceYield += events;
  while (state.sinceYield >= pacing.yieldEvery) {
    state.sinceYield -= pacing.yieldEvery;
    await pacing.yieldToLoop();
  }
}

/**
 * Verifies the events of contacts in (`lower`, `upper`] (`null`: unbounded) in keyset pages, carrying the last
 * verified event across pages. Stops at the first break, or when `stop()` says a break before this range was found.
 */
async function verifyRange(
  db: SqlExecutor,
  input: { siteId: string; pageSize: number; pacing: WalkPacing; lower: string | null; upper: string | null; stop: () => boolean },
): Promise<WalkState> {
  const { siteId, pageSize, pacing, upper } = input;
  const state = newWalkState();
  let start: PageStart = { lower: input.lower };
  for (;;) {
    const { sql, params } = pageQuery({ siteId, pageSize, start, upper });
    const { rows } = await db.query<PageVerdict>(sql, params);
    const verdict = rows[0];
    if (verdict) {
      state.checked += verdict.n;
      if (!verdict.ok) {
        state.brokenAt = { eventId: verdict.id, contactId: verdict.contact_id, sequence: verdict.sequence };
        break;
      }
      state.last = { contactId: verdict.contact_id, sequence: verdict.sequence, hash: verdict.hash };
      await pace(state, verdict.n, pacing);
    }
    await pacing.yieldToLoop();
    if (!state.last || !verdict || verdict.n < pageSize || input.stop()) break;
    start = { after: state.last };
  }
  return state;
}

const SAMPLE_PERCENT = 0.1;

/**
 * Contacts that split a site's events into `parts` of about the same size, from a sample of a thousandth of the
 * table's pages (`TABLESAMPLE SYSTEM`: 5 ms of the database's time at a million events). None when the sample suggests
 * fewer than `minEvents` events: a small site is verified as one range. The contacts drawn change from call to call;
 * only how evenly the work is shared depends on them.
 */
export async function sampleContactSplits(
  db: SqlExecutor,
  input: { siteId: string; parts: number; minEvents: number },
): Promise<string[]> {
  if (input.parts < 2) return [];
  const fractions = Array.from({ length: input.parts - 1 }, (_, k) => (k + 1) / input.parts);
  const { rows } = await db.query<{ sampled: number; splits: string[] | null }>(
    `SELECT count(*)::int AS sampled, percentile_disc($2::float8[]) WITHIN GROUP (ORDER BY contact_id) AS splits
     FROM consent_events TABLESAMPLE SYSTEM (${SAMPLE_PERCENT}) WHERE site_id = $1`,
    [input.siteId, fractions],
  );
  const row = rows[0];
  if (!row?.splits || row.sampled * (100 / SAMPLE_PERCENT) < input.minEvents) return [];
  return [...new Set(row.splits)];
}

/**
 * Reads every consent event of a site and verifies it as `walkConsentEvents` would in one walk, in keyset pages of
 * `pageSize` hashed by the database: a page answers one row (its first broken event, or its last one), so this
 * process reads a row per page, holds nothing per event, and leaves its event loop free. Reports the first break by
 * contact, then sequence, and the events checked up to it.
 *
 * `splits` (contacts, ascending; see {@link sampleContactSplits}) cut the site into ranges (…, s1], (s1, s2], …,
 * (sN, …); no chain crosses one. `concurrency` ranges are verified at a time, each on a connection of its own, taken
 * in order as each one finishes (so uneven ranges still share the work). A break in a range stops the ranges after
 * it. The report is the one a single walk would give: the ranges before the first broken one in full, then that one
 * up to its break.
 */
export async function fullConsentPass(
  db: SqlExecutor,
  input: { siteId: string; pageSize: number; pacing: WalkPacing; splits?: readonly string[]; concurrency?: number },
): Promise<WalkState> {
  const { siteId, pageSize, pacing } = input;
  const bounds: Array<string | null> = [null, ...(input.splits ?? [])];
  const states: Array<WalkState | null> = bounds.map(() => null);
  const brokenBefore = (index: number) => states.some((state, k) => k < index && state?.brokenAt);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < bounds.length && !brokenBefore(index); index = next++) {
      const range = { lower: bounds[index] ?? null, upper: bounds[index + 1] ?? null, stop: () => brokenBefore(index) };
      states[index] = await verifyRange(db, { siteId, pageSize, pacing, ...range });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency ?? 1, bounds.length)) }, worker));
  const total = newWalkState();
  for (const state of states) {
    // Every range before the first broken one ran to its end.
    if (!state) break;
    total.checked += state.checked;
    total.last = state.last ?? total.last;
    total.brokenAt = state.brokenAt;
    if (state.brokenAt) break;
  }
  return total;
}
