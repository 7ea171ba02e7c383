/** What one `pnpm bench` run measures, from the environment and the command line (see load.ts for the list). */
export interface BenchConfig {
  /** Seconds of load per autocannon run. Default: 10. */
  seconds: number;
  /** Concurrent connections of autocannon. Default: 50. */
  connections: number;
  /** Rounds of the A/B alternation (hello, PostgreSQL, PGlite, …). Default: 3. */
  rounds: number;
  /** Most requests one run may make before it is stopped, whatever the time left. Default: 1,000,000. */
  maxRequests: number;
  /** Run the load scenarios. False with `--sizes`. */
  load: boolean;
  /** Run the data-size series. False with `--no-sizes`. */
  sizes: boolean;
  /** Responses of one NPS survey the results read is timed over. Default: 10k, 100k, 1M. */
  npsSizes: number[];
  /** Consent events the chain verification is timed over. Default: 2k, 20k, 200k. */
  consentSizes: number[];
  /** Loyalty members (each a known contact) the member list and its search read from. Default: 100k. */
  members: number;
  /** PostgreSQL (a fresh schema is created in it and dropped at the end). */
  databaseUrl: string;
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

function sizeList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim().replace(/_/g, '')));
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new Error(`${name} must be a comma-separated list of positive whole numbers, not "${raw}"`);
  }
  return [...values].sort((a, b) => a - b);
}

/** Reads the configuration; throws on a malformed value or an unknown flag. */
export function readBenchConfig(argv: readonly string[] = process.argv.slice(2)): BenchConfig {
  for (const arg of argv) {
    if (arg !== '--sizes' && arg !== '--no-sizes') throw new Error(`Unknown argument "${arg}": pnpm bench [--sizes | --no-sizes]`);
  }
  const onlySizes = argv.includes('--sizes');
  const noSizes = argv.includes('--no-sizes');
  if (onlySizes && noSizes) throw new Error('--sizes and --no-sizes exclude each other');
  return {
    seconds: positiveInteger('RAPPORT_BENCH_SECONDS', 10),
    connections: positiveInteger('RAPPORT_BENCH_CONNECTIONS', 50),
    rounds: positiveInteger('RAPPORT_BENCH_ROUNDS', 3),
    maxRequests: positiveInteger('RAPPORT_BENCH_MAX_REQUESTS', 1_000_000),
    load: !onlySizes,
    sizes: !noSizes,
    npsSizes: sizeList('RAPPORT_BENCH_NPS_SIZES', [10_000, 100_000, 1_000_000]),
    consentSizes: sizeList('RAPPORT_BENCH_CONSENT_SIZES', [2_000, 20_000, 200_000]),
    members: positiveInteger('RAPPORT_BENCH_MEMBERS', 100_000),
    databaseUrl: process.env.RAPPORT_BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
  };
}
