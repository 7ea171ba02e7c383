const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch: ISO weeks (UTC) start on it plus whole weeks. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

const floorTo = (ms: number, unit: number, offset = 0) => Math.floor((ms - offset) / unit) * unit + offset;
const ceilTo = (ms: number, unit: number, offset = 0) => Math.ceil((ms - offset) / unit) * unit + offset;

/**
 * How a period `[from, to)` splits between the kept counters and the raw rows, nested from the outside in:
 * `from ≤ hoursFrom ≤ daysFrom ≤ weeksFrom ≤ weeksTo ≤ daysTo ≤ hoursTo ≤ to`. `[weeksFrom, weeksTo)` is whole ISO
 * weeks (UTC), `[daysFrom, weeksFrom)` and `[weeksTo, daysTo)` whole UTC days, `[hoursFrom, daysFrom)` and
 * `[daysTo, hoursTo)` whole UTC hours, and `[from, hoursFrom)` and `[hoursTo, to)` less than an hour each, counted
 * from the rows. Every instant of the period is in exactly one part; any part may be empty.
 */
export interface ResultBuckets {
  from: Date;
  hoursFrom: Date;
  daysFrom: Date;
  weeksFrom: Date;
  weeksTo: Date;
  daysTo: Date;
  hoursTo: Date;
  to: Date;
}

/**
 * Splits `[from, to)` (`from` before `to`) into the parts of {@link ResultBuckets}: as much as possible in whole
 * weeks, then whole days, then whole hours, so the rows read one by one are at most an hour's worth at each end.
 */
export function resultBuckets(from: Date, to: Date): ResultBuckets {
  // Each unit covers what the finer one left whole; once a unit fits no whole span, the coarser ones are empty.
  const bounds: Array<[number, number]> = [];
  let [lo, hi] = [from.getTime(), to.getTime()];
  for (const [unit, offset] of [[HOUR_MS, 0], [DAY_MS, 0], [WEEK_MS, FIRST_MONDAY_MS]] as const) {
    const [a, b] = [ceilTo(lo, unit, offset), floorTo(hi, unit, offset)];
    if (a >= b) break;
    bounds.push([a, b]);
    [lo, hi] = [a, b];
  }
  while (bounds.length < 3) bounds.push([hi, hi]);
  const [hours, days, weeks] = bounds.map(([a, b]) => [new Date(a), new Date(b)] as const);
  return {
    from,
    hoursFrom: hours![0],
    daysFrom: days![0],
    weeksFrom: weeks![0],
    weeksTo: weeks![1],
    daysTo: days![1],
    hoursTo: hours![1],
    to,
  };
}
