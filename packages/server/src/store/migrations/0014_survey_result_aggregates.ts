import type { Migration } from './Migration.js';

/**
 * Counter rows per (survey, span, bucket) are each spread over this many shards, picked from the counted row's
 * id, so concurrent submissions to one survey in the same hour rarely wait for the same counter row.
 */
export const RESULT_COUNT_SHARDS = 32;

/** The buckets every counted row is counted in: its ISO week, its day and its hour (all UTC). */
export const RESULT_COUNT_SPANS = ['week', 'day', 'hour'] as const;

/** Highest score of any kind (NPS 0–10; CSAT 1–5, CES 1–7, thumbs 0–1 fit inside): one counter column each. */
export const MAX_RESULT_SCORE = 10;

/** SQL for the shard of the counted row whose id is `id` (SQL): the first byte of its SHA-256, the same everywhere. */
export function resultCountShard(id: string): string {
  return `get_byte(sha256(convert_to(${id}, 'UTF8')), 0) % ${RESULT_COUNT_SHARDS}`;
}

/** The response counter columns, with which rows (`r`) each counts: text answers (no score), then each score. */
export const RESPONSE_COUNT_COLUMNS: ReadonlyArray<readonly [column: string, score: number | null]> = [
  ['text_answers', null],
  ...Array.from({ length: MAX_RESULT_SCORE + 1 }, (_, score) => [`score_${score}`, score] as const),
];

/** What one counter table counts: which source rows, by which time column, into which columns. */
interface CountSpec {
  /** The counter table. */
  counts: 'feedback_response_counts' | 'feedback_display_counts';
  /** The table whose rows are counted. */
  source: 'feedback_responses' | 'feedback_events';
  /** The time a row counts at. */
  at: 'answered_at' | 'occurred_at';
  /** Counter columns, each with the rows it counts (SQL over `r`). */
  columns: ReadonlyArray<readonly [column: string, when: string]>;
  /** Source columns the counts depend on: an update changing none of them changes no counter. */
  depends: readonly string[];
  /** Which source rows count (SQL over `r`); every row when absent. */
  where?: string;
}

const RESPONSES: CountSpec = {
  counts: 'feedback_response_counts',
  source: 'feedback_responses',
  at: 'answered_at',
  columns: RESPONSE_COUNT_COLUMNS.map(([column, score]) => [column, score === null ? 'r.score IS NULL' : `r.score = ${score}`] as const),
  depends: ['site_id', 'survey_id', 'id', 'answered_at', 'score'],
};
const DISPLAYS: CountSpec = {
  counts: 'feedback_display_counts',
  source: 'feedback_events',
  at: 'occurred_at',
  columns: [['displays', 'true']],
  depends: ['site_id', 'survey_id', 'id', 'occurred_at', 'type'],
  where: `r.type = 'display'`,
};

/**
 * Room left in each page for new versions of its rows: a counter row changes with every submission it counts, and an
 * update that fits in its page is a HOT update (no new index entry; old versions pruned in place).
 */
const FILLFACTOR = 50;

const KEYS = ['site_id', 'survey_id', 'span', 'starts_at', 'shard'];
const BY_KEY = '1, 2, 3, 4, 5';

/**
 * The counts `rows` (a FROM item aliased `r` with the source's columns) add up to, one row per counter row: each
 * source row counts once in its ISO week, once in its day and once in its hour (UTC), in the shard its id picks.
 */
function grouped(spec: CountSpec, rows: string): string {
  return `SELECT r.site_id, r.survey_id, span.name AS span,
       date_trunc(span.name, r.${spec.at} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS starts_at, ${resultCountShard('r.id')} AS shard,
       ${spec.columns.map(([column, when]) => `count(*) FILTER (WHERE ${when})::integer AS ${column}`).join(', ')}
     FROM ${rows} CROSS JOIN (VALUES ${RESULT_COUNT_SPANS.map((span) => `('${span}')`).join(', ')}) AS span (name)
     ${spec.where ? `WHERE ${spec.where}` : ''}
     GROUP BY ${BY_KEY}`;
}

/** Adds the counts of `rows` to the counter rows, creating missing ones; in key order, so writers lock in one order. */
function addStatement(spec: CountSpec, rows: string): string {
  const columns = spec.columns.map(([column]) => column);
  return `INSERT INTO ${spec.counts} AS c (${[...KEYS, ...columns].join(', ')})
     ${grouped(spec, rows)} ORDER BY ${BY_KEY}
     ON CONFLICT (${KEYS.join(', ')}) DO UPDATE SET ${columns.map((column) => `${column} = c.${column} + EXCLUDED.${column}`).join(', ')}`;
}

/**
 * Takes the counts of `rows` off the counter rows: locks them in key order first, then subtracts. A counter row that
 * is missing is skipped (a survey's deletion cascading to both tables); the CHECKs refuse a count below zero.
 */
function subtractStatements(spec: CountSpec, rows: string): string {
  const match = KEYS.map((key) => `c.${key} = g.${key}`).join(' AND ');
  return `PERFORM 1 FROM ${spec.counts} c JOIN (${grouped(spec, rows)}) g ON ${match}
       ORDER BY ${KEYS.map((key) => `c.${key}`).join(', ')} FOR UPDATE OF c;
     UPDATE ${spec.counts} c SET ${spec.columns.map(([column]) => `${column} = c.${column} - g.${column}`).join(', ')}
       FROM (${grouped(spec, rows)}) g WHERE ${match};`;
}

function functionsAndTriggers(spec: CountSpec): string[] {
  const name = spec.counts;
  const rowOf = (record: 'OLD' | 'NEW') =>
    `(SELECT ${spec.depends.map((column) => `${record}.${column}`).join(', ')}) AS r (${spec.depends.join(', ')})`;
  const of = (record: 'OLD' | 'NEW') => `(${spec.depends.map((column) => `${record}.${column}`).join(', ')})`;
  return [
    `CREATE FUNCTION ${name}_add() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       ${addStatement(spec, 'new_rows r')};
       RETURN NULL;
     END
     $fn$`,
    `CREATE FUNCTION ${name}_subtract() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       ${subtractStatements(spec, 'old_rows r')}
       RETURN NULL;
     END
     $fn$`,
    `CREATE FUNCTION ${name}_move() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       ${subtractStatements(spec, rowOf('OLD'))}
       ${addStatement(spec, rowOf('NEW'))};
       RETURN NULL;
     END
     $fn$`,
    `CREATE FUNCTION ${name}_clear() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       DELETE FROM ${name};
       RETURN NULL;
     END
     $fn$`,
    `CREATE TRIGGER ${name}_add AFTER INSERT ON ${spec.source} REFERENCING NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ${name}_add()`,
    `CREATE TRIGGER ${name}_subtract AFTER DELETE ON ${spec.source} REFERENCING OLD TABLE AS old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ${name}_subtract()`,
    // Row by row, and only when what is counted changes: replies and status changes never reach the function.
    `CREATE TRIGGER ${name}_move AFTER UPDATE ON ${spec.source} FOR EACH ROW
       WHEN (${of('OLD')} IS DISTINCT FROM ${of('NEW')}) EXECUTE FUNCTION ${name}_move()`,
    `CREATE TRIGGER ${name}_clear AFTER TRUNCATE ON ${spec.source} FOR EACH STATEMENT EXECUTE FUNCTION ${name}_clear()`,
  ];
}

function counterTable(spec: CountSpec): string[] {
  return [
    `CREATE TABLE ${spec.counts} (
      site_id text NOT NULL,
      survey_id text NOT NULL,
      span text NOT NULL CHECK (span IN (${RESULT_COUNT_SPANS.map((span) => `'${span}'`).join(', ')})),
      starts_at timestamptz NOT NULL,
      shard integer NOT NULL CHECK (shard >= 0 AND shard < ${RESULT_COUNT_SHARDS}),
      ${spec.columns.map(([column]) => `${column} integer NOT NULL DEFAULT 0 CHECK (${column} >= 0)`).join(',\n      ')},
      PRIMARY KEY (${KEYS.join(', ')}),
      FOREIGN KEY (site_id, survey_id) REFERENCES surveys (site_id, id) ON DELETE CASCADE,
      CONSTRAINT ${spec.counts}_bucket CHECK (date_trunc(span, starts_at AT TIME ZONE 'UTC') = starts_at AT TIME ZONE 'UTC')
    ) WITH (fillfactor = ${FILLFACTOR})`,
    // Nothing may be written between the backfill and the triggers, or it would be counted in neither.
    `LOCK TABLE ${spec.source} IN SHARE ROW EXCLUSIVE MODE`,
    addStatement(spec, `${spec.source} r`),
    ...functionsAndTriggers(spec),
  ];
}

/**
 * Survey results from counters kept by the database, so a results read costs the same at 10k or 1M responses.
 *
 * `feedback_response_counts` holds how many responses of a survey were answered in each ISO week, day and hour (UTC),
 * a column per score (0–10, which every kind's scores fit; the new CHECK on `feedback_responses.score` holds them
 * there) and one for text answers; `feedback_display_counts` the same for display events. Triggers keep them
 * whatever writes the rows (the API, the demo seed, the benchmark's bulk SQL, a cascade): statement-level with
 * transition tables for inserts and deletes (one upsert per statement, however many rows), row-level for the rare
 * update that changes what is counted (score, time, survey, type), and TRUNCATE empties them. A read adds up whole
 * weeks, then whole days and hours at the edges, and counts from the rows only the minutes before the first and after
 * the last whole hour (see `feedback/resultBuckets.ts`): a few hundred counter rows for twelve weeks, at any size.
 *
 * Contention: a counter row stays locked until its writer commits, so each (survey, span, bucket) is split in
 * {@link RESULT_COUNT_SHARDS} rows by a hash of the counted row's id, and concurrent writers to one survey mostly lock
 * different rows (a writer's week, day and hour rows are in the same shard, so the three spans do not add to the
 * chance of waiting). Locks are taken in key order, so writers never deadlock on them.
 *
 * Existing rows are counted when the migration runs, with the source tables locked against writes meanwhile.
 */
export const migration0014SurveyResultAggregates: Migration = {
  id: 14,
  name: 'survey_result_aggregates',
  statements: [
    `ALTER TABLE feedback_responses ADD CONSTRAINT feedback_responses_score_range CHECK (score BETWEEN 0 AND ${MAX_RESULT_SCORE})`,
    ...counterTable(RESPONSES),
    ...counterTable(DISPLAYS),
  ],
};
