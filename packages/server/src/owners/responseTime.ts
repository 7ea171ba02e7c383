import type { OwnerSettings } from '@rapport/core/schemas';
import type { SqlExecutor } from '../store/Store.js';
import type { StaffProfile } from './staffQueries.js';

/** Replies a measured response time needs before it replaces the fallback. */
export const MIN_SAMPLES = 3;
/** The most recent replies it is measured over. */
export const MAX_SAMPLES = 20;
/** How far back replies count, in days. */
export const SAMPLE_DAYS = 90;

/** A response-time promise as visitors see it. */
export interface ResolvedResponseTime {
  minutes: number;
  measured: boolean;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.max(1, Math.round(value));
}

/**
 * Median minutes from a feedback response reaching the server to a staff member's first reply to it, over their
 * last {@link MAX_SAMPLES} first replies of the past {@link SAMPLE_DAYS} days. Only staff with at least
 * {@link MIN_SAMPLES} such replies are in the map.
 */
export async function measuredResponseMinutes(
  db: SqlExecutor,
  input: { siteId: string; staffIds: readonly string[]; now: Date },
): Promise<Map<string, number>> {
  if (input.staffIds.length === 0) return new Map();
  const since = new Date(input.now.getTime() - SAMPLE_DAYS * 86_400_000);
  const { rows } = await db.query<{ replied_by: string; minutes: number }>(
    `SELECT replied_by, minutes FROM (
       SELECT replied_by, (EXTRACT(EPOCH FROM (first_replied_at - received_at)) / 60)::float8 AS minutes,
         row_number() OVER (PARTITION BY replied_by ORDER BY first_replied_at DESC, id DESC) AS n
       FROM feedback_responses
       WHERE site_id = $1 AND replied_by = ANY($2::text[]) AND first_replied_at >= $3 AND first_replied_at <= $4
     ) recent WHERE n <= ${MAX_SAMPLES}`,
    [input.siteId, [...input.staffIds], since, input.now],
  );
  const samples = new Map<string, number[]>();
  for (const row of rows) samples.set(row.replied_by, [...(samples.get(row.replied_by) ?? []), Math.max(0, row.minutes)]);
  const result = new Map<string, number>();
  for (const [staffId, values] of samples) if (values.length >= MIN_SAMPLES) result.set(staffId, median(values));
  return result;
}

/**
 * The promise a staff member shows: their fixed minutes; or, when they chose `measured` and the business turned
 * measuring on, their measured median (their fallback while there are too few replies); `null` without one.
 */
export function resolveResponseTime(
  staff: Pick<StaffProfile, 'responseTime'> & { id: string },
  settings: OwnerSettings,
  measured: ReadonlyMap<string, number>,
): ResolvedResponseTime | null {
  const promise = staff.responseTime;
  if (!promise) return null;
  if (promise.mode === 'fixed') return { minutes: promise.minutes, measured: false };
  const minutes = settings.measuredResponseTime ? measured.get(staff.id) : undefined;
  return minutes === undefined ? { minutes: promise.fallbackMinutes, measured: false } : { minutes, measured: true };
}
