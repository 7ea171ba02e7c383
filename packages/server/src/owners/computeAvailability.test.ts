import { describe, expect, it } from 'vitest';
import { computeAvailability, type Schedule } from './computeAvailability.js';
import { createZoneClock } from './zonedTime.js';

type Day = Schedule['weeklyHours'][number]['day'];
const WEEKDAYS: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** London office hours with a lunch break: 09:00–12:30 and 13:30–17:30, Monday to Friday. */
const london: Schedule = {
  timeZone: 'Europe/London',
  weeklyHours: WEEKDAYS.flatMap((day) => [
    { day, start: '09:00', end: '12:30' },
    { day, start: '13:30', end: '17:30' },
  ]),
  holidays: [],
  outOfOffice: null,
};

const at = (iso: string) => new Date(iso);
const inZone = (iso: string | null, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso ?? NaN),
  );

describe('ZoneClock', () => {
  it('turns wall times into instants, taking the next valid instant in a gap and the first in an overlap', () => {
    const uk = createZoneClock('Europe/London');
    expect(new Date(uk.toInstant({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 })).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    // 29 March 2026: 01:00 GMT jumps to 02:00 BST, so 01:30 does not exist; the clocks jump at 01:00Z.
    expect(new Date(uk.toInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 })).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 25 October 2026: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT).
    expect(new Date(uk.toInstant({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 })).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const ny = createZoneClock('America/New_York');
    expect(new Date(ny.toInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 })).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(new Date(ny.toInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 })).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(ny.offsetAt(Date.parse('2026-07-01T12:00:00Z'))).toBe(-4 * 3_600_000);
    expect(createZoneClock('Asia/Kolkata').offsetAt(Date.parse('2026-01-01T00:00:00Z'))).toBe(5.5 * 3_600_000);
  });
});

describe('computeAvailability', () => {
  it('says "back Monday at 9:00" across a weekend, in the visitor’s own time zone', () => {
    const result = computeAvailability(london, at('2026-11-21T12:00:00Z'));
    expect(result).toEqual({ state: 'away', until: null, nextAvailableAt: '2026-11-23T09:00:00.000Z', returnDate: null });
    expect(inZone(result.nextAvailableAt, 'Europe/London')).toBe('Monday 09:00');
    expect(inZone(result.nextAvailableAt, 'America/New_York')).toBe('Monday 04:00');
    expect(inZone(result.nextAvailableAt, 'Asia/Tokyo')).toBe('Monday 18:00');
  });

  it('keeps the owner’s wall time when only the visitor’s zone has changed clocks', () => {
    // New York moved to summer time on 8 March 2026, London only on 29 March: 09:00 London is 05:00 in New York.
    const result = computeAvailability(london, at('2026-03-14T12:00:00Z'));
    expect(result.nextAvailableAt).toBe('2026-03-16T09:00:00.000Z');
    expect(inZone(result.nextAvailableAt, 'America/New_York')).toBe('Monday 05:00');
    // After London's change too, 09:00 BST is 08:00Z and 04:00 in New York again.
    const later = computeAvailability(london, at('2026-04-04T12:00:00Z'));
    expect(later.nextAvailableAt).toBe('2026-04-06T08:00:00.000Z');
    expect(inZone(later.nextAvailableAt, 'America/New_York')).toBe('Monday 04:00');
  });

  it('splits a shift at lunch: away over lunch, back after it', () => {
    expect(computeAvailability(london, at('2026-11-23T10:00:00Z'))).toMatchObject({ state: 'available', until: '2026-11-23T12:30:00.000Z' });
    expect(computeAvailability(london, at('2026-11-23T12:45:00Z'))).toEqual({
      state: 'away',
      until: null,
      nextAvailableAt: '2026-11-23T13:30:00.000Z',
      returnDate: null,
    });
    expect(computeAvailability(london, at('2026-11-23T17:30:00Z'))).toMatchObject({ state: 'away', nextAvailableAt: '2026-11-24T09:00:00.000Z' });
  });

  it('runs a shift past midnight into the next day', () => {
    const nights: Schedule = { timeZone: 'America/New_York', weeklyHours: [{ day: 'fri', start: '22:00', end: '06:00' }], holidays: [], outOfOffice: null };
    // Saturday 03:00 in New York is inside Friday's night shift.
    expect(computeAvailability(nights, at('2026-11-21T08:00:00Z'))).toMatchObject({ state: 'available', until: '2026-11-21T11:00:00.000Z' });
    expect(computeAvailability(nights, at('2026-11-21T11:00:00Z'))).toMatchObject({ state: 'away', nextAvailableAt: '2026-11-28T03:00:00.000Z' });
  });

  it('handles a night shift across the spring-forward and fall-back changes in London', () => {
    const nights: Schedule = { timeZone: 'Europe/London', weeklyHours: [{ day: 'sat', start: '22:00', end: '06:00' }], holidays: [], outOfOffice: null };
    // 28→29 March 2026: 22:00 GMT to 06:00 BST is seven hours.
    expect(computeAvailability(nights, at('2026-03-28T23:00:00Z'))).toMatchObject({ state: 'available', until: '2026-03-29T05:00:00.000Z' });
    expect(computeAvailability(nights, at('2026-03-29T05:30:00Z')).state).toBe('away');
    // 24→25 October 2026: 22:00 BST to 06:00 GMT is nine hours.
    expect(computeAvailability(nights, at('2026-10-24T21:00:00Z'))).toMatchObject({ state: 'available', until: '2026-10-25T06:00:00.000Z' });
    expect(computeAvailability(nights, at('2026-10-24T20:59:00Z'))).toMatchObject({ state: 'away', nextAvailableAt: '2026-10-24T21:00:00.000Z' });
  });

  it('starts a shift at a skipped time at the jump, and at a repeated time the first time', () => {
    const early: Schedule = { timeZone: 'Europe/London', weeklyHours: [{ day: 'sun', start: '01:30', end: '04:00' }], holidays: [], outOfOffice: null };
    expect(computeAvailability(early, at('2026-03-29T00:30:00Z')).nextAvailableAt).toBe('2026-03-29T01:00:00.000Z');
    expect(computeAvailability(early, at('2026-03-29T01:00:00Z'))).toMatchObject({ state: 'available', until: '2026-03-29T03:00:00.000Z' });
    expect(computeAvailability(early, at('2026-10-25T00:00:00Z')).nextAvailableAt).toBe('2026-10-25T00:30:00.000Z');
    expect(computeAvailability(early, at('2026-10-25T02:00:00Z'))).toMatchObject({ state: 'available', until: '2026-10-25T04:00:00.000Z' });
  });

  it('handles the New York changes: a 02:30 start that does not exist, a night shift shortened by an hour', () => {
    const ny: Schedule = {
      timeZone: 'America/New_York',
      weeklyHours: [
        { day: 'sat', start: '20:00', end: '04:00' },
        { day: 'sun', start: '02:30', end: '03:30' },
      ],
      holidays: [],
      outOfOffice: null,
    };
    // Sat 7 March 20:00 EST (01:00Z) to Sun 8 March 04:00 EDT (08:00Z): seven hours.
    expect(computeAvailability(ny, at('2026-03-08T06:30:00Z'))).toMatchObject({ state: 'available', until: '2026-03-08T08:00:00.000Z' });
    const onlySunday = { ...ny, weeklyHours: [{ day: 'sun' as const, start: '02:30', end: '03:30' }] };
    expect(computeAvailability(onlySunday, at('2026-03-08T05:00:00Z')).nextAvailableAt).toBe('2026-03-08T07:00:00.000Z');
    // 1 November: 01:30 twice; a Sunday 01:30 shift starts at the first one (EDT).
    const fallBack = { ...ny, weeklyHours: [{ day: 'sun' as const, start: '01:30', end: '02:30' }] };
    expect(computeAvailability(fallBack, at('2026-11-01T04:00:00Z')).nextAvailableAt).toBe('2026-11-01T05:30:00.000Z');
    expect(computeAvailability(fallBack, at('2026-11-01T07:00:00Z'))).toMatchObject({ state: 'available', until: '2026-11-01T07:30:00.000Z' });
  });

  it('skips holidays, local midnight to midnight', () => {
    const withHoliday = { ...london, holidays: [{ date: '2026-11-23' }] };
    expect(computeAvailability(withHoliday, at('2026-11-21T12:00:00Z')).nextAvailableAt).toBe('2026-11-24T09:00:00.000Z');
    expect(computeAvailability(withHoliday, at('2026-11-23T10:00:00Z'))).toEqual({
      state: 'holiday',
      until: null,
      nextAvailableAt: '2026-11-24T09:00:00.000Z',
      returnDate: null,
    });
    // A holiday in the owner's zone, not UTC's: in Tokyo, 23 November starts at 15:00Z on the 22nd.
    const tokyo: Schedule = { timeZone: 'Asia/Tokyo', weeklyHours: [{ day: 'mon', start: '00:00', end: '02:00' }], holidays: [{ date: '2026-11-23' }], outOfOffice: null };
    expect(computeAvailability(tokyo, at('2026-11-22T15:30:00Z')).state).toBe('holiday');
  });

  it('is out of office until the return date, then back at the next shift', () => {
    const away = { ...london, outOfOffice: { from: '2026-11-18T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z' } };
    expect(computeAvailability(away, at('2026-11-20T10:00:00Z'))).toEqual({
      state: 'out_of_office',
      until: null,
      nextAvailableAt: '2026-11-30T09:00:00.000Z',
      returnDate: '2026-11-30T00:00:00.000Z',
    });
    const backMidMorning = { ...london, outOfOffice: { from: '2026-11-18T00:00:00.000Z', until: '2026-11-30T11:00:00.000Z' } };
    expect(computeAvailability(backMidMorning, at('2026-11-20T10:00:00Z')).nextAvailableAt).toBe('2026-11-30T11:00:00.000Z');
    const month = { ...london, outOfOffice: { from: '2026-11-01T00:00:00.000Z', until: '2027-01-04T00:00:00.000Z' } };
    expect(computeAvailability(month, at('2026-11-20T10:00:00Z')).nextAvailableAt).toBe('2027-01-04T09:00:00.000Z');
    // An out-of-office starting later today cuts the current shift short.
    const leaving = { ...london, outOfOffice: { from: '2026-11-23T11:00:00.000Z', until: '2026-11-25T00:00:00.000Z' } };
    expect(computeAvailability(leaving, at('2026-11-23T10:00:00Z'))).toMatchObject({ state: 'available', until: '2026-11-23T11:00:00.000Z' });
  });

  it('has no next shift without hours', () => {
    const none: Schedule = { timeZone: 'Europe/Paris', weeklyHours: [], holidays: [], outOfOffice: null };
    expect(computeAvailability(none, at('2026-11-23T10:00:00Z'))).toEqual({ state: 'away', until: null, nextAvailableAt: null, returnDate: null });
  });
});
