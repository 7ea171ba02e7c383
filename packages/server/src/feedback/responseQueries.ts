import type { FeedbackResponse, LoopReply, ResponseStatus, ScoreBand, SurveyKind, VisitorResponse } from '@rapport/core';
import type { KeysetPosition } from '../http/keysetCursor.js';
import type { SqlExecutor } from '../store/Store.js';
import { visitorContactIdsSql } from './visitorContacts.js';

/** A response row as selected by {@link RESPONSE_COLUMNS}, with its contact's external id and survey question. */
export interface ResponseRow {
  id: string;
  survey_id: string;
  contact_id: string;
  external_id: string | null;
  question: string;
  request_hash: string;
  kind: SurveyKind;
  score: number | null;
  band: ScoreBand | null;
  text: string | null;
  contact_requested: boolean;
  page_url: string | null;
  answered_at: Date;
  received_at: Date;
  status: ResponseStatus;
  reply: string | null;
  replied_at: Date | null;
  /** The staff member who sent the first reply, when it named one. */
  replied_by: string | null;
  resolved_at: Date | null;
  reply_seen_at: Date | null;
  reply_acknowledged_at: Date | null;
}

/** Columns of a response joined with its contact (`c`) and survey (`s`). */
export const RESPONSE_COLUMNS =
  'r.id, r.survey_id, r.contact_id, c.external_id, s.question, r.request_hash, r.kind, r.score, r.band, r.text, ' +
  'r.contact_requested, r.page_url, r.answered_at, r.received_at, r.status, r.reply, r.replied_at, r.resolved_at, ' +
  'r.reply_seen_at, r.reply_acknowledged_at, r.replied_by';

/** `FROM` clause that goes with {@link RESPONSE_COLUMNS}. */
export const RESPONSE_FROM =
  'feedback_responses r JOIN contacts c ON c.id = r.contact_id JOIN surveys s ON s.site_id = r.site_id AND s.id = r.survey_id';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The business's view of a response. */
export function toFeedbackResponse(row: ResponseRow): FeedbackResponse {
  return {
    id: row.id,
    surveyId: row.survey_id,
    contactId: row.contact_id,
    externalId: row.external_id,
    kind: row.kind,
    score: row.score,
    band: row.band,
    text: row.text,
    contactRequested: row.contact_requested,
    pageUrl: row.page_url,
    status: row.status,
    reply: row.reply,
    repliedAt: iso(row.replied_at),
    ...(row.replied_by !== null ? { repliedBy: row.replied_by } : {}),
    replySeenAt: iso(row.reply_seen_at),
    replyAcknowledgedAt: iso(row.reply_acknowledged_at),
    answeredAt: row.answered_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
  };
}

/** The visitor's view of their own response. */
export function toVisitorResponse(row: ResponseRow): VisitorResponse {
  return {
    id: row.id,
    surveyId: row.survey_id,
    kind: row.kind,
    score: row.score,
    band: row.band,
    text: row.text,
    contactRequested: row.contact_requested,
    answeredAt: row.answered_at.toISOString(),
  };
}

/** The business's reply or resolution as the visitor sees it; when it happened is the later of the two. */
export function toLoopReply(row: ResponseRow): LoopReply {
  const times = [row.replied_at, row.resolved_at].filter((date): date is Date => date !== null);
  const at = times.reduce((a, b) => (b.getTime() > a.getTime() ? b : a), times[0] ?? row.received_at);
  return {
    responseId: row.id,
    surveyId: row.survey_id,
    question: row.question,
    score: row.score,
    text: row.text,
    message: row.reply,
    status: row.status,
    repliedAt: at.toISOString(),
  };
}

/** One response of one site, optionally locked for update. */
export async function findResponse(db: SqlExecutor, siteId: string, id: string, lock = false): Promise<ResponseRow | null> {
  const { rows } = await db.query<ResponseRow>(
    `SELECT ${RESPONSE_COLUMNS} FROM ${RESPONSE_FROM} WHERE r.site_id = $1 AND r.id = $2${lock ? ' FOR UPDATE OF r' : ''}`,
    [siteId, id],
  );
  return rows[0] ?? null;
}

/** Filters of {@link listResponses}; every one is optional. */
export interface ResponseFilters {
  /** Only this survey's responses. Default: every survey. */
  surveyId?: string;
  /** Only responses with this status. Default: any. */
  status?: ResponseStatus;
  /** Only responses in this score band. Default: any. */
  band?: ScoreBand;
  /** Only responses that did (`true`) or did not (`false`) ask to be contacted. Default: both. */
  contactRequested?: boolean;
  /** Only responses not resolved yet. Default: `false` (resolved ones too). */
  open?: boolean;
  /** Only responses answered at or after this time. Default: no lower bound. */
  from?: Date;
  /** Only responses answered before this time. Default: no upper bound. */
  to?: Date;
}

/** Up to `limit` responses of a site matching `filters`, newest answered first, strictly after `after`. */
export async function listResponses(
  db: SqlExecutor,
  input: { siteId: string; filters: ResponseFilters; limit: number; after: KeysetPosition | null },
): Promise<ResponseRow[]> {
  const { filters: f, after } = input;
  const { rows } = await db.query<ResponseRow>(
    `SELECT ${RESPONSE_COLUMNS} FROM ${RESPONSE_FROM}
     WHERE r.site_id = $1
       AND ($2::text IS NULL OR r.survey_id = $2)
       AND ($3::text IS NULL OR r.status = $3)
       AND ($4::text IS NULL OR r.band = $4)
       AND ($5::boolean IS NULL OR r.contact_requested = $5)
       AND (NOT $6::boolean OR r.status <> 'resolved')
       AND ($7::timestamptz IS NULL OR r.answered_at >= $7)
       AND ($8::timestamptz IS NULL OR r.answered_at < $8)
       AND ($9::timestamptz IS NULL OR (r.answered_at, r.id) < ($9::timestamptz, $10::text))
     ORDER BY r.answered_at DESC, r.id DESC LIMIT $11`,
    [
      input.siteId,
      f.surveyId ?? null,
      f.status ?? null,
      f.band ?? null,
      f.contactRequested ?? null,
      f.open ?? false,
      f.from ?? null,
      f.to ?? null,
      after?.at ?? null,
      after?.id ?? null,
      input.limit,
    ],
  );
  return rows;
}

/** The visitor's responses with a reply or resolution they have not seen yet, newest first. */
export async function listUnseenReplies(db: SqlExecutor, siteId: string, contactId: string, limit = 20): Promise<ResponseRow[]> {
  const { rows } = await db.query<ResponseRow>(
    `SELECT ${RESPONSE_COLUMNS} FROM ${RESPONSE_FROM}
     WHERE r.site_id = $1 AND r.contact_id IN (${visitorContactIdsSql('$1', '$2')})
       AND r.reply_seen_at IS NULL AND (r.reply IS NOT NULL OR r.status = 'resolved')
     ORDER BY GREATEST(r.replied_at, r.resolved_at) DESC, r.id DESC LIMIT $3`,
    [siteId, contactId, limit],
  );
  return rows;
}
