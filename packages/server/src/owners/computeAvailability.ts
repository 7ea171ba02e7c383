import { WEEKDAYS, type Availability, type Weekday } from '@rapport/core/schemas';
import {
  addLocalDays,
  createZoneClock,
  formatLocalDate,
  minutesOf,
  parseLocalDate,
  weekdayOf,
  type LocalDate,
  type ZoneClock,
} from './zonedTime.js';

/** When a staff member works, in their own time zone. */
export interface Schedule {
  /** IANA time zone of the hours and holidays. */
  timeZone: string;
  /** Shifts; an `end` at or before `start` ends on the next day. */
  weeklyHours: ReadonlyArray<{ day: Weekday; start: string; end: string }>;
  /** Whole days off (`YYYY-MM-DD`, local). */
  holidays: ReadonlyArray<{ date: string }>;
  /** Away from `from` until `until` (ISO instants). */
  outOfOffice: { from: string; until: string } | null;
}

/** Options of {@link computeAvailability}. */
export interface AvailabilityOptions {
  /** How many days past now (or past the out-of-office return) to look for the next shift. Default: 14. */
  horizonDays?: number;
}

/** A half-open span of time `[start, end)` in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

function subtract(intervals: Interval[], blocks: Interval[]): Interval[] {
  let remaining = intervals;
  for (const block of blocks) {
    remaining = remaining.flatMap((interval) => {
      if (block.end <= interval.start || block.start >= interval.end) return [interval];
      const pieces: Interval[] = [];
      if (block.start > interval.start) pieces.push({ start: interval.start, end: block.start });
      if (block.end < interval.end) pieces.push({ start: block.end, end: interval.end });
      return pieces;
    });
  }
  return remaining;
}

function dayStart(zone: ZoneClock, date: LocalDate): number {
  return zone.toInstant({ ...date, hour: 0, minute: 0 });
}

/**
 * The instants a schedule is at work between the local dates `first` and `last` (inclusive; a shift starting on
 * `last` may end the day after): shifts merged (a split shift's halves stay apart, back-to-back shifts join),
 * minus holidays (midnight to midnight, local) and the out-of-office.
 */
export function workingIntervals(schedule: Schedule, zone: ZoneClock, first: LocalDate, last: LocalDate): Interval[] {
  const shifts: Interval[] = [];
  for (let date = first; formatLocalDate(date) <= formatLocalDate(last); date = addLocalDays(date, 1)) {
    const weekday = WEEKDAYS[weekdayOf(date)];
    for (const shift of schedule.weeklyHours) {
      if (shift.day !== weekday) continue;
      const start = minutesOf(shift.start);
      const end = minutesOf(shift.end);
      const startAt = zone.toInstant({ ...date, hour: Math.floor(start / 60), minute: start % 60 });
      const endDate = end <= start ? addLocalDays(date, 1) : date;
      const endAt = zone.toInstant({ ...endDate, hour: Math.floor(end / 60), minute: end % 60 });
      if (endAt > startAt) shifts.push({ start: startAt, end: endAt });
    }
  }
  const blocks: Interval[] = schedule.holidays.map((holiday) => {
    const date = parseLocalDate(holiday.date);
    return { start: dayStart(zone, date), end: dayStart(zone, addLocalDays(date, 1)) };
  });
  if (schedule.outOfOffice) {
    blocks.push({ start: Date.parse(schedule.outOfOffice.from), end: Date.parse(schedule.outOfOffice.until) });
  }
  return subtract(mergeIntervals(shifts), blocks);
}

/**
 * Whether a staff member is in at `now`, and if not, why and when they are back; computed in their time zone
 * with Intl, so daylight-saving changes, shifts past midnight, split shifts, holidays and out-of-office all
 * hold. Returns UTC instants for the visitor's browser to format in the visitor's own zone.
 */
export function computeAvailability(schedule: Schedule, now: Date, options: AvailabilityOptions = {}): Availability {
  const zone = createZoneClock(schedule.timeZone);
  const at = now.getTime();
  const ooo = schedule.outOfOffice;
  const oooActive = ooo !== null && Date.parse(ooo.from) <= at && at < Date.parse(ooo.until);
  const searchFrom = oooActive ? Date.parse(ooo.until) : at;
  const today = zone.wallTime(at);
  const last = addLocalDays(zone.wallTime(searchFrom), options.horizonDays ?? 14);
  const intervals = workingIntervals(schedule, zone, addLocalDays(today, -1), last);

  const current = intervals.find((interval) => interval.start <= at && at < interval.end);
  if (current) return { state: 'available', until: iso(current.end), nextAvailableAt: null, returnDate: null };
  const next = intervals.find((interval) => interval.start > at);
  const todayText = formatLocalDate(today);
  const state = oooActive ? 'out_of_office' : schedule.holidays.some((h) => h.date === todayText) ? 'holiday' : 'away';
  return {
    state,
    until: null,
    nextAvailableAt: iso(next?.start ?? null),
    returnDate: oooActive ? iso(Date.parse(ooo.until)) : null,
  };
}
