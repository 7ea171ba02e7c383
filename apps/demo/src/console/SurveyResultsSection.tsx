import type { Survey, SurveyResults } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { callConsole } from './callConsole.js';
import { ScoreTrend, type TrendSeries } from './ScoreTrend.js';

type Week = SurveyResults['weekly'][number];

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** The headline figure of each kind of survey: its name, the figure in the results, and its axis. */
const HEADLINES: Record<Survey['kind'], { label: string; total: (r: SurveyResults) => number | null; domain: [number, number]; format: (v: number) => string }> = {
  nps: { label: 'NPS', total: (r) => r.nps, domain: [0, 100], format: (v) => decimal.format(v) },
  csat: { label: 'CSAT', total: (r) => r.csatPercent, domain: [0, 100], format: (v) => `${decimal.format(v)}%` },
  ces: { label: 'CES', total: (r) => r.cesAverage, domain: [1, 7], format: (v) => decimal.format(v) },
  thumbs: { label: 'Thumbs up', total: (r) => r.thumbsUpPercent, domain: [0, 100], format: (v) => `${decimal.format(v)}%` },
  text: { label: 'Answers', total: () => null, domain: [0, 1], format: (v) => decimal.format(v) },
};

/** Responses per display in a week, as the results API computes it for the period (at most 1). */
const weeklyResponseRate = (week: Week) => (week.displays > 0 ? Math.min(1, week.responses / week.displays) : null);

/** The series a survey's trend shows: its headline score (not for text surveys) and its response rate. */
export function trendSeries(kind: Survey['kind']): TrendSeries[] {
  const headline = HEADLINES[kind];
  const rate: TrendSeries = { label: 'Response rate', domain: [0, 1], value: weeklyResponseRate, format: (v) => percent.format(v) };
  return kind === 'text' ? [rate] : [{ label: headline.label, domain: headline.domain, value: (w) => w.score, format: headline.format }, rate];
}

/** One survey's results over the last 12 weeks: headline score, responses and response rate, and their trend. */
export function SurveyResultsSection({ survey }: { survey: Survey }) {
  const results = useQuery({ queryKey: ['results', survey.id], queryFn: () => callConsole('feedback', 'getSurveyResults', survey.id) });
  const headline = HEADLINES[survey.kind];
  const titleId = `results-${survey.id}`;
  const total = results.data ? headline.total(results.data) : null;
  return (
    <section aria-labelledby={titleId} className="demo-section">
      <h2 id={titleId}>{survey.name}</h2>
      {results.error && <p role="alert">Could not load the results: {results.error.message}</p>}
      {results.data && (
        <>
          <dl className="demo-figures">
            {survey.kind !== 'text' && (
              <div>
                <dt>{headline.label}</dt>
                <dd>{total === null ? '—' : headline.format(total)}</dd>
              </div>
            )}
            <div>
              <dt>Responses</dt>
              <dd>{results.data.responses}</dd>
            </div>
            <div>
              <dt>Response rate</dt>
              <dd>{results.data.responseRate === null ? '—' : percent.format(results.data.responseRate)}</dd>
            </div>
          </dl>
          <ScoreTrend title={survey.kind === 'text' ? 'Response rate' : `${headline.label} and response rate`} weeks={results.data.weekly} series={trendSeries(survey.kind)} />
        </>
      )}
    </section>
  );
}
