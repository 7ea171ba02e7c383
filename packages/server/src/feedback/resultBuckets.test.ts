import { describe, expect, it } from 'vitest';
import { createRandom } from '../testing/createRandom.js';
import { resultBuckets, type ResultBuckets } from './resultBuckets.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONDAY = Date.UTC(2026, 10, 2);
const iso = (ms: number) => new Date(ms).toISOString();
const inner = (b: ResultBuckets) => [b.hoursFrom, b.daysFrom, b.weeksFrom, b.weeksTo, b.daysTo, b.hoursTo].map((d) => d.toISOString());
const split = (from: string, to: string) => inner(resultBuckets(new Date(from), new Date(to)));

describe('resultBuckets', () => {
  it('takes whole ISO weeks, then whole days, then whole hours, and leaves under an hour at each end to the rows', () => {
    // Saturday 22:15 to the Wednesday 01:30 ten days later.
    expect(split('2026-10-31T22:15:00.000Z', '2026-11-11T01:30:00.000Z')).toEqual([
      '2026-10-31T23:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
      '2026-11-09T00:00:00.000Z',
      '2026-11-11T00:00:00.000Z',
      '2026-11-11T01:00:00.000Z',
    ]);
  });

  it('uses no counter inside one hour or across one hour boundary, no days inside a day, no weeks inside a week', () => {
    const to = '2026-11-02T10:55:00.000Z';
    expect(split('2026-11-02T10:05:00.000Z', to)).toEqual(Array(6).fill(to));
    expect(split('2026-11-02T10:05:00.000Z', '2026-11-02T11:55:00.000Z')).toEqual(Array(6).fill('2026-11-02T11:55:00.000Z'));
    expect(split('2026-11-02T10:05:00.000Z', '2026-11-02T20:55:00.000Z')).toEqual(['2026-11-02T11:00:00.000Z', ...Array(5).fill('2026-11-02T20:00:00.000Z')]);
    // Tuesday to Saturday of one week: days, no week.
    expect(split('2026-11-03T10:05:00.000Z', '2026-11-07T20:55:00.000Z')).toEqual([
      '2026-11-03T11:00:00.000Z',
      '2026-11-04T00:00:00.000Z',
      ...Array(3).fill('2026-11-07T00:00:00.000Z'),
      '2026-11-07T20:00:00.000Z',
    ]);
  });

  it('splits any period in order, on hour, day and Monday edges, each unit less than one of the next at each end', () => {
    const random = createRandom(14);
    for (let i = 0; i < 3_000; i += 1) {
      const from = MONDAY + Math.floor(random() * 60 * DAY);
      const to = from + 1 + Math.floor(random() * [3 * HOUR, 3 * DAY, 60 * DAY][i % 3]!);
      const b = resultBuckets(new Date(from), new Date(to));
      const points = [b.from, b.hoursFrom, b.daysFrom, b.weeksFrom, b.weeksTo, b.daysTo, b.hoursTo, b.to].map((d) => d.getTime());
      const context = `${iso(from)} – ${iso(to)}`;
      expect(points, context).toEqual([...points].sort((x, y) => x - y));
      expect([points[0], points[7]], context).toEqual([from, to]);
      // Each level [lo, hi) is whole units of its kind, and what is left outside it is less than one such unit.
      const levels: Array<[number, number, number, number]> = [
        [1, 6, HOUR, 0],
        [2, 5, DAY, 0],
        [3, 4, WEEK, MONDAY],
      ];
      for (const [lo, hi, unit, offset] of levels) {
        if (points[hi]! <= points[lo]!) continue;
        expect([(points[lo]! - offset) % unit, (points[hi]! - offset) % unit], context).toEqual([0, 0]);
        expect(points[lo]! - points[lo - 1]!, context).toBeLessThan(unit);
        expect(points[hi + 1]! - points[hi]!, context).toBeLessThan(unit);
      }
      if (points[6]! <= points[1]!) expect(to - from, context).toBeLessThan(2 * HOUR);
    }
  });
});
