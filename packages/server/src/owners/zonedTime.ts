/** A calendar date (no time zone): `month` 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time on a calendar date. */
export interface WallTime extends LocalDate {
  hour: number;
  minute: number;
}

/** Conversions between instants (epoch milliseconds) and wall-clock times in one IANA time zone, all by Intl. */
export interface ZoneClock {
  readonly timeZone: string;
  /** The wall-clock time of `instant` in this zone (seconds dropped). */
  wallTime(instant: number): WallTime;
  /** The zone's offset from UTC at `instant`, in milliseconds (positive east of Greenwich). */
  offsetAt(instant: number): number;
  /**
   * The instant a wall-clock time happens. A time the clocks skip (spring forward) gives the next valid instant,
   * the moment the clocks jump; a time that happens twice (fall back) gives the first.
   */
  toInstant(wall: WallTime): number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** `date` moved by `days` calendar days. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** Day of the week of a calendar date, Sunday = 0. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `YYYY-MM-DD`. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** A `YYYY-MM-DD` string as a {@link LocalDate}. */
export function parseLocalDate(text: string): LocalDate {
  const [year, month, day] = text.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

/** `HH:MM` as minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const asUtc = (wall: WallTime) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);

/**
 * A {@link ZoneClock} for `timeZone`. Throws `RangeError` for a zone Intl does not know. Offsets are read with
 * `Intl.DateTimeFormat#formatToParts`; no time-zone table of our own.
 */
export function createZoneClock(timeZone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const fields = (instant: number) => {
    const out: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
    return out;
  };
  const wallTime = (instant: number): WallTime => {
    const f = fields(instant);
    return { year: f.year ?? 1970, month: f.month ?? 1, day: f.day ?? 1, hour: f.hour ?? 0, minute: f.minute ?? 0 };
  };
  const offsetAt = (instant: number): number => {
    const whole = Math.floor(instant / 1000) * 1000;
    const f = fields(whole);
    const local = Date.UTC(f.year ?? 1970, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
    return local - whole;
  };
  const toInstant = (wall: WallTime): number => {
    const target = asUtc(wall);
    // At most one transition lies within a day of any wall time: the offsets a day either side bracket it.
    const candidates = [...new Set([target - offsetAt(target - DAY), target - offsetAt(target + DAY)])].sort((a, b) => a - b);
    const valid = candidates.filter((instant) => asUtc(wallTime(instant)) === target);
    if (valid.length > 0) return valid[0] as number;
    // In a gap: the earlier candidate lies before the jump, the later after it. Find the jump to the minute.
    let before = candidates[0] as number;
    let after = candidates[candidates.length - 1] as number;
    const afterOffset = offsetAt(after);
    while (after - before > MINUTE) {
      const middle = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
      if (offsetAt(middle) === afterOffset) after = middle;
      else before = middle;
    }
    return after;
  };
  return { timeZone, wallTime, offsetAt, toInstant };
}

