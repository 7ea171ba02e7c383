/** One sample of a Prometheus text exposition. */
export interface PrometheusSample {
  /** Metric name with its suffix (`_total`, `_bucket`, `_count`, …). */
  name: string;
  /** Label values by name (unescaped). */
  labels: Record<string, string>;
  /** The sample's value, as `Number()` reads its text. */
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Parses the samples of a Prometheus text exposition (`# HELP` and `# TYPE` lines are skipped), for tests and
 * scripts that scrape `/metrics`. Throws on a line that is neither a comment nor a sample.
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL)) {
      if (key !== undefined && raw !== undefined) labels[key] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}
