import type { SurveyResults } from '@rapport/core';

type Week = SurveyResults['weekly'][number];

/** One figure drawn week by week: a survey's headline score, its response rate, … */
export interface TrendSeries {
  /** The figure's name, in the chart's name and the table's column header ("NPS", "Response rate"). */
  label: string;
  /** The axis range always shown; values outside it widen it. */
  domain: readonly [min: number, max: number];
  /** The week's value, `null` when there is none (no scored answer, no display). */
  value: (week: Week) => number | null;
  /** How a value reads in the table and on the axis. */
  format: (value: number) => string;
}

const WIDTH = 480;
const HEIGHT = 160;
const PAD_X = 40;
const PAD_Y = 16;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const weekLabel = (week: Week) => dateFormat.format(new Date(`${week.weekStart}T00:00:00Z`));

/** One series as a small SVG line chart; the figures are in the table of the same figure. */
function TrendPlot({ weeks, series }: { weeks: Week[]; series: TrendSeries }) {
  const values = weeks.map(series.value);
  const known = values.filter((v): v is number => v !== null);
  const min = Math.min(series.domain[0], ...known);
  const max = Math.max(series.domain[1], ...known);
  const x = (i: number) => PAD_X + (i * (WIDTH - 2 * PAD_X)) / Math.max(1, weeks.length - 1);
  const y = (v: number) => HEIGHT - PAD_Y - ((v - min) * (HEIGHT - 2 * PAD_Y)) / Math.max(1, max - min);
  const points = values.flatMap((v, i) => (v === null ? [] : [`${x(i)},${y(v)}`])).join(' ');
  const first = weeks[0];
  const last = weeks.at(-1);
  return (
    <div className="demo-chart__plot">
      <p className="demo-chart__title" aria-hidden="true">
        {series.label}
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`}
        role="img"
        aria-label={`${series.label} trend chart; the table below has the figures`}
      >
        {[max, min].map((v) => (
          <text key={v} x={PAD_X - 6} y={y(v) + 4} textAnchor="end" className="demo-chart__tick">
            {series.format(v)}
          </text>
        ))}
        {min < 0 && <line x1={PAD_X} x2={WIDTH - PAD_X} y1={y(0)} y2={y(0)} className="demo-chart__zero" />}
        <line x1={PAD_X} x2={WIDTH - PAD_X} y1={y(min)} y2={y(min)} className="demo-chart__axis" />
        <polyline points={points} className="demo-chart__line" />
        {values.map((v, i) => (v === null ? null : <circle key={weeks[i]!.weekStart} cx={x(i)} cy={y(v)} r={3.5} className="demo-chart__dot" />))}
        {first && last && (
          <>
            <text x={PAD_X} y={HEIGHT + 12} className="demo-chart__tick">
              {weekLabel(first)}
            </text>
            <text x={WIDTH - PAD_X} y={HEIGHT + 12} textAnchor="end" className="demo-chart__tick">
              {weekLabel(last)}
            </text>
          </>
        )}
      </svg>
    </div>
  );
}

/**
 * Figures of a survey week by week: one small SVG line chart per series, and every figure in a table below
 * (for screen readers, and for anyone who prefers numbers). A week without a value has no dot and reads "—".
 */
export function ScoreTrend({ title, weeks, series }: { title: string; weeks: Week[]; series: TrendSeries[] }) {
  return (
    <figure className="demo-chart">
      <figcaption>{title}, week by week</figcaption>
      <div className="demo-chart__plots">
        {series.map((s) => (
          <TrendPlot key={s.label} weeks={weeks} series={s} />
        ))}
      </div>
      <table className="demo-table">
        <caption className="demo-visually-hidden">{title} per week</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
            <th scope="col">Responses</th>
            <th scope="col">Displays</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.weekStart}>
              <th scope="row">{weekLabel(week)}</th>
              {series.map((s) => {
                const v = s.value(week);
                return <td key={s.label}>{v === null ? '—' : s.format(v)}</td>;
              })}
              <td>{week.responses}</td>
              <td>{week.displays}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
