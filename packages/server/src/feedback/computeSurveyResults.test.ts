import { describe, expect, it } from 'vitest';
import { computeSurveyResults, round1, startOfIsoWeek, weeksOf, type ScoreCount } from './computeSurveyResults.js';

const weeks = ['2026-11-09', '2026-11-16', '2026-11-23'];
const counts = (week: string, scores: Record<number, number>): ScoreCount[] =>
  Object.entries(scores).map(([score, count]) => ({ week, score: Number(score), count }));

describe('weeks', () => {
  it('starts ISO weeks on Monday 00:00 UTC', () => {
    expect(startOfIsoWeek(new Date('2026-11-23T00:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(startOfIsoWeek(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(startOfIsoWeek(new Date('2026-11-22T23:59:59Z')).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(startOfIsoWeek(new Date('2027-01-01T12:00:00Z')).toISOString()).toBe('2026-12-28T00:00:00.000Z');
  });

  it('lists every week overlapping [from, to), the end excluded', () => {
    expect(weeksOf(new Date('2026-11-10T00:00:00Z'), new Date('2026-11-23T09:00:00Z'))).toEqual(weeks);
    expect(weeksOf(new Date('2026-11-10T00:00:00Z'), new Date('2026-11-23T00:00:00Z'))).toEqual(weeks.slice(0, 2));
    expect(weeksOf(new Date('2026-12-30T00:00:00Z'), new Date('2027-01-05T00:00:00Z'))).toEqual(['2026-12-28', '2027-01-04']);
  });
});

describe('computeSurveyResults', () => {
  it('computes NPS as (promoters − detractors) / scored × 100 to one decimal, per band and per week', () => {
    // Week 1: 2 promoters (9, 10), 1 passive (7), 1 detractor (3) → NPS 25. Week 3: 1 promoter, 2 detractors → −33.3.
    const scores = [...counts(weeks[0] ?? '', { 9: 1, 10: 1, 7: 1, 3: 1 }), ...counts(weeks[2] ?? '', { 10: 1, 0: 1, 6: 1 })];
    const results = computeSurveyResults({
      surveyId: 'svy_1',
      kind: 'nps',
      weeks,
      displays: new Map([[weeks[0] ?? '', 10], [weeks[2] ?? '', 4]]),
      scores,
    });
    expect(results).toMatchObject({
      surveyId: 'svy_1',
      kind: 'nps',
      displays: 14,
      responses: 7,
      responseRate: 0.5,
      // 3 promoters, 3 detractors of 7 → 0
      nps: 0,
      csatPercent: null,
      cesAverage: null,
      thumbsUpPercent: null,
      bands: { negative: 3, neutral: 1, positive: 3 },
    });
    expect(results.weekly).toEqual([
      { weekStart: '2026-11-09', displays: 10, responses: 4, score: 25 },
      { weekStart: '2026-11-16', displays: 0, responses: 0, score: null },
      { weekStart: '2026-11-23', displays: 4, responses: 3, score: -33.3 },
    ]);
  });

  it('computes CSAT % as the share of 4–5, CES as the average, thumbs-up % as the share of 1', () => {
    const csat = computeSurveyResults({ surveyId: 's', kind: 'csat', weeks, displays: new Map(), scores: counts(weeks[1] ?? '', { 5: 2, 4: 1, 3: 1, 1: 2 }) });
    expect(csat).toMatchObject({ csatPercent: 50, nps: null, responseRate: null, bands: { negative: 2, neutral: 1, positive: 3 } });
    const ces = computeSurveyResults({ surveyId: 's', kind: 'ces', weeks, displays: new Map(), scores: counts(weeks[1] ?? '', { 7: 1, 6: 1, 2: 1 }) });
    expect(ces.cesAverage).toBe(5);
    expect(ces.weekly[1]?.score).toBe(5);
    const thumbs = computeSurveyResults({ surveyId: 's', kind: 'thumbs', weeks, displays: new Map([[weeks[1] ?? '', 2]]), scores: counts(weeks[1] ?? '', { 1: 2, 0: 1 }) });
    expect(thumbs).toMatchObject({ thumbsUpPercent: 66.7, responseRate: 1, bands: { negative: 1, neutral: 0, positive: 2 } });
  });

  it('gives text surveys counts only, and null figures when nothing was scored', () => {
    const text = computeSurveyResults({ surveyId: 's', kind: 'text', weeks, displays: new Map([[weeks[0] ?? '', 3]]), scores: [{ week: weeks[0] ?? '', score: null, count: 2 }] });
    expect(text).toMatchObject({ responses: 2, displays: 3, responseRate: 0.667, nps: null, csatPercent: null, cesAverage: null, thumbsUpPercent: null });
    expect(text.bands).toEqual({ negative: 0, neutral: 0, positive: 0 });
    const empty = computeSurveyResults({ surveyId: 's', kind: 'nps', weeks, displays: new Map(), scores: [] });
    expect(empty).toMatchObject({ displays: 0, responses: 0, responseRate: null, nps: null });
    expect(empty.weekly.map((w) => w.score)).toEqual([null, null, null]);
  });

  it('rounds to one decimal', () => {
    expect(round1(100 / 3)).toBe(33.3);
    expect(round1(200 / 3)).toBe(66.7);
    expect(round1(-100 / 3)).toBe(-33.3);
  });
});
