import type { Recontact, Survey, SurveyKind, Trigger, UrlRule, VisitorSurvey } from '@rapport/core';
import type { SqlExecutor } from '../store/Store.js';

/** What the business defines for a survey: everything but its id and timestamps. */
export type SurveyFields = Omit<Survey, 'id' | 'createdAt' | 'updatedAt'>;

/** A survey row as selected by {@link SURVEY_COLUMNS}. */
export interface SurveyRow {
  id: string;
  status: Survey['status'];
  name: string;
  kind: SurveyKind;
  question: string;
  follow_ups: Survey['followUps'];
  text_max_length: number;
  thank_you: string;
  placement: Survey['placement'];
  triggers: Trigger[];
  url_rules: UrlRule[];
  sample_percent: number;
  recontact: Recontact;
  allow_contact_request: boolean;
  starts_at: Date | null;
  ends_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Columns every survey query returns (unqualified: prefix them for a join). */
export const SURVEY_COLUMNS =
  'id, status, name, kind, question, follow_ups, text_max_length, thank_you, placement, triggers, url_rules, ' +
  'sample_percent, recontact, allow_contact_request, starts_at, ends_at, created_at, updated_at';

/** The admin view of a survey. */
export function toSurvey(row: SurveyRow): Survey {
  return {
    id: row.id,
    status: row.status,
    name: row.name,
    kind: row.kind,
    question: row.question,
    followUps: row.follow_ups,
    textMaxLength: row.text_max_length,
    thankYou: row.thank_you,
    placement: row.placement,
    triggers: row.triggers,
    urlRules: row.url_rules,
    samplePercent: row.sample_percent,
    recontact: row.recontact,
    allowContactRequest: row.allow_contact_request,
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The browser view of a survey, with whether this visitor may be prompted by a trigger now. */
export function toVisitorSurvey(row: SurveyRow, eligible: boolean): VisitorSurvey {
  return {
    id: row.id,
    kind: row.kind,
    question: row.question,
    followUps: row.follow_ups,
    textMaxLength: row.text_max_length,
    thankYou: row.thank_you,
    placement: row.placement,
    triggers: row.triggers,
    urlRules: row.url_rules,
    allowContactRequest: row.allow_contact_request,
    eligible,
  };
}

/** Whether a survey is shown and takes answers at `now`: `active`, and `startsAt ≤ now < endsAt`. */
export function isSurveyOpen(row: Pick<SurveyRow, 'status' | 'starts_at' | 'ends_at'>, now: Date): boolean {
  if (row.status !== 'active') return false;
  if (row.starts_at && row.starts_at.getTime() > now.getTime()) return false;
  return !(row.ends_at && row.ends_at.getTime() <= now.getTime());
}

function fieldParams(fields: SurveyFields): unknown[] {
  return [
    fields.status,
    fields.name,
    fields.kind,
    fields.question,
    JSON.stringify(fields.followUps),
    fields.textMaxLength,
    fields.thankYou,
    fields.placement,
    JSON.stringify(fields.triggers),
    JSON.stringify(fields.urlRules),
    fields.samplePercent,
    JSON.stringify(fields.recontact),
    fields.allowContactRequest,
    fields.startsAt === null ? null : new Date(fields.startsAt),
    fields.endsAt === null ? null : new Date(fields.endsAt),
  ];
}

/**
 * Inserts a survey with a given id. With `ifAbsent`, an existing id is left as it is and `null` returned
 * (used by the seed, so a survey the business edited is never overwritten).
 */
export async function insertSurvey(
  db: SqlExecutor,
  input: { id: string; siteId: string; fields: SurveyFields; now: Date; ifAbsent?: boolean },
): Promise<SurveyRow | null> {
  const { rows } = await db.query<SurveyRow>(
    `INSERT INTO surveys (id, site_id, status, name, kind, question, follow_ups, text_max_length, thank_you, placement,
       triggers, url_rules, sample_percent, recontact, allow_contact_request, starts_at, ends_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11::jsonb, $12::jsonb, $13, $14::jsonb, $15, $16, $17, $18, $18)
     ${input.ifAbsent ? 'ON CONFLICT (id) DO NOTHING' : ''}
     RETURNING ${SURVEY_COLUMNS}`,
    [input.id, input.siteId, ...fieldParams(input.fields), input.now],
  );
  return rows[0] ?? null;
}

/** Replaces every field of one survey of one site (the kind never changes); `null` when there is none. */
export async function updateSurvey(
  db: SqlExecutor,
  input: { id: string; siteId: string; fields: SurveyFields; now: Date },
): Promise<SurveyRow | null> {
  const params = fieldParams(input.fields);
  params.splice(2, 1); // kind
  const { rows } = await db.query<SurveyRow>(
    `UPDATE surveys SET status = $3, name = $4, question = $5, follow_ups = $6::jsonb, text_max_length = $7,
       thank_you = $8, placement = $9, triggers = $10::jsonb, url_rules = $11::jsonb, sample_percent = $12,
       recontact = $13::jsonb, allow_contact_request = $14, starts_at = $15, ends_at = $16, updated_at = $17
     WHERE site_id = $1 AND id = $2
     RETURNING ${SURVEY_COLUMNS}`,
    [input.siteId, input.id, ...params, input.now],
  );
  return rows[0] ?? null;
}

/** One survey of one site, optionally locked for update. */
export async function findSurvey(db: SqlExecutor, siteId: string, id: string, lock = false): Promise<SurveyRow | null> {
  const { rows } = await db.query<SurveyRow>(
    // NO KEY: a lock that lets answers (whose foreign key takes a key-share lock) keep arriving meanwhile.
    `SELECT ${SURVEY_COLUMNS} FROM surveys WHERE site_id = $1 AND id = $2${lock ? ' FOR NO KEY UPDATE' : ''}`,
    [siteId, id],
  );
  return rows[0] ?? null;
}

/** Every survey of a site, newest first. */
export async function listSurveys(db: SqlExecutor, siteId: string): Promise<SurveyRow[]> {
  const { rows } = await db.query<SurveyRow>(
    `SELECT ${SURVEY_COLUMNS} FROM surveys WHERE site_id = $1 ORDER BY created_at DESC, id DESC`,
    [siteId],
  );
  return rows;
}

/** When the next active survey of a site that has not started at `now` starts, or `null`. */
export async function nextSurveyOpening(db: SqlExecutor, siteId: string, now: Date): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    `SELECT min(starts_at) AS at FROM surveys WHERE site_id = $1 AND status = 'active' AND starts_at > $2`,
    [siteId, now],
  );
  return rows[0]?.at ?? null;
}

/** The surveys of a site that are open at `now` (see {@link isSurveyOpen}), newest first. */
export async function listOpenSurveys(db: SqlExecutor, siteId: string, now: Date): Promise<SurveyRow[]> {
  const { rows } = await db.query<SurveyRow>(
    `SELECT ${SURVEY_COLUMNS} FROM surveys
     WHERE site_id = $1 AND status = 'active' AND (starts_at IS NULL OR starts_at <= $2) AND (ends_at IS NULL OR ends_at > $2)
     ORDER BY created_at DESC, id DESC`,
    [siteId, now],
  );
  return rows;
}
