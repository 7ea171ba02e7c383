import type { SurveyResults } from '@rapport/core';

const WIDTH = 480;
const HEIGHT = 160;
const PAD = 28;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * The weekly trend of a survey's headline score as a small SVG line chart, with the same figures in a table
 * for screen readers and for anyone who prefers numbers.
 */
export function ScoreTrend({ results, label }: { results: SurveyResults; label: string }) {
  const weeks = results.weekly;
  const scored = weeks.filter((w) => w.score !== null);
  const values = scored.map((w) => w.score as number);
  const min = Math.min(0, ...values);
  const max = Math.max(results.kind === 'nps' ? 100 : 1, ...values);
  const x = (i: number) => PAD + (i * (WIDTH - 2 * PAD)) / Math.max(1, weeks.length - 1);
  const y = (v: number) => HEIGHT - PAD - ((v - min) * (HEIGHT - 2 * PAD)) / Math.max(1, max - min);
  const points = weeks
    .map((w, i) => (w.score === null ? null : `${x(i)},${y(w.score)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  return (
    <figure className="demo-chart">
      <figcaption>{label}, week by week</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${label} trend chart; the table below has the figures`}>
        <line x1={PAD} x2={WIDTH - PAD} y1={y(0)} y2={y(0)} className="demo-chart__axis" />
        <polyline points={points} className="demo-chart__line" />
        {weeks.map((w, i) =>
          w.score === null ? null : <circle key={w.weekStart} cx={x(i)} cy={y(w.score)} r={3.5} className="demo-chart__dot" />,
        )}
      </svg>
      <table className="demo-table">
        <caption className="demo-visually-hidden">{label} per week</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">{label}</th>
            <th scope="col">Responses</th>
            <th scope="col">Displays</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.weekStart}>
              <th scope="row">{dateFormat.format(new Date(`${w.weekStart}T00:00:00Z`))}</th>
              <td>{w.score === null ? '—' : w.score}</td>
              <td>{w.responses}</td>
              <td>{w.displays}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
