import { scoreBand, type SurveyKind, type SurveyResults } from '@rapport/core';

/** How many responses of one week had one score (`null` for text answers). */
export interface ScoreCount {
  /** Monday of the ISO week (UTC), `YYYY-MM-DD`. */
  week: string;
  /** The score; `null` for text answers. */
  score: number | null;
  /** How many responses of that week had it. */
  count: number;
}

/** What {@link computeSurveyResults} works from: counts per week, already limited to the period. */
export interface SurveyResultsInput {
  /** The survey's id, echoed in the results. */
  surveyId: string;
  /** The survey's kind: it picks which figures are computed. */
  kind: SurveyKind;
  /** Every week of the period in order, each a Monday `YYYY-MM-DD`; weeks without data are reported as zeros. */
  weeks: readonly string[];
  /** Display events per week. */
  displays: ReadonlyMap<string, number>;
  /** Responses per week and score. */
  scores: readonly ScoreCount[];
}

const DAY_MS = 86_400_000;

/** Rounds to one decimal. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Midnight UTC of the Monday starting the ISO week `date` falls in. */
export function startOfIsoWeek(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/** The Mondays (`YYYY-MM-DD`) of every ISO week that overlaps `[from, to)`. */
export function weeksOf(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  const last = startOfIsoWeek(new Date(to.getTime() - 1)).getTime();
  for (let at = startOfIsoWeek(from).getTime(); at <= last; at += 7 * DAY_MS) weeks.push(new Date(at).toISOString().slice(0, 10));
  return weeks;
}

/** The kind's figures for a set of score counts; each is `null` for other kinds or with no scored answer. */
function figures(kind: SurveyKind, counts: readonly ScoreCount[]) {
  let scored = 0;
  let sum = 0;
  let positive = 0;
  let negative = 0;
  let csatTop = 0;
  for (const { score, count } of counts) {
    if (score === null) continue;
    scored += count;
    sum += score * count;
    const band = scoreBand(kind, score);
    if (band === 'positive') positive += count;
    if (band === 'negative') negative += count;
    if (score >= 4) csatTop += count;
  }
  const when = (k: SurveyKind, value: () => number) => (kind === k && scored > 0 ? round1(value()) : null);
  return {
    nps: when('nps', () => ((positive - negative) / scored) * 100),
    csatPercent: when('csat', () => (csatTop / scored) * 100),
    cesAverage: when('ces', () => sum / scored),
    thumbsUpPercent: when('thumbs', () => (positive / scored) * 100),
  };
}

/** The headline figure of a kind: NPS, CSAT %, CES average or thumbs-up %; `null` for text. */
function headline(kind: SurveyKind, counts: readonly ScoreCount[]): number | null {
  const f = figures(kind, counts);
  return f.nps ?? f.csatPercent ?? f.cesAverage ?? f.thumbsUpPercent;
}

/**
 * A survey's results from weekly counts: NPS = (promoters − detractors) / scored × 100; CSAT % = share of
 * 4–5; CES = average score; thumbs-up % (all to one decimal); response rate = responses / displays
 * (`null` without displays, at most 1); responses per band; and the same per week.
 */
export function computeSurveyResults(input: SurveyResultsInput): SurveyResults {
  const { kind } = input;
  let displays = 0;
  for (const week of input.weeks) displays += input.displays.get(week) ?? 0;
  const responses = input.scores.reduce((total, row) => total + row.count, 0);
  const bands = { negative: 0, neutral: 0, positive: 0 };
  for (const row of input.scores) {
    const band = scoreBand(kind, row.score);
    if (band) bands[band] += row.count;
  }
  const weekly = input.weeks.map((week) => {
    const counts = input.scores.filter((row) => row.week === week);
    return {
      weekStart: week,
      displays: input.displays.get(week) ?? 0,
      responses: counts.reduce((total, row) => total + row.count, 0),
      score: headline(kind, counts),
    };
  });
  return {
    surveyId: input.surveyId,
    kind,
    displays,
    responses,
    responseRate: displays > 0 ? Math.min(1, Math.round((responses / displays) * 1000) / 1000) : null,
    ...figures(kind, input.scores),
    bands,
    weekly,
  };
}
