import type { ResponseSubmit } from '@rapport/core';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { visitorContactUpsert } from '../contacts/resolveVisitorContact.js';
import { sha256Hex } from '../crypto/sha256.js';
import type { SqlExecutor } from '../store/Store.js';
import { emitResponseCreated } from '../webhooks/emitFeedbackEvents.js';
import { idempotencyConflict, openSurvey } from './findOpenSurvey.js';
import { findResponse, RESPONSE_COLUMNS, type ResponseRow } from './responseQueries.js';
import { SURVEY_COLUMNS, type SurveyRow } from './surveyQueries.js';
import { validateResponse } from './validateResponse.js';

/** Hash of what a submission asks for, with its visitor: the same id with another hash is a conflict. */
async function requestHash(contactId: string, body: ResponseSubmit): Promise<string> {
  return sha256Hex(
    JSON.stringify([
      contactId,
      body.surveyId,
      body.score,
      body.text ?? null,
      body.contactRequested ?? false,
      body.pageUrl ?? null,
      body.answeredAt === undefined ? null : new Date(body.answeredAt).toISOString(),
    ]),
  );
}

function replayOrConflict(existing: ResponseRow, hash: string): { created: false; row: ResponseRow } {
  if (existing.request_hash !== hash) throw idempotencyConflict('response');
  return { created: false, row: existing };
}

const SURVEY_JOIN_COLUMNS = SURVEY_COLUMNS.split(', ').map((name) => `s.${name}`).join(', ');

/**
 * The visitor's contact, created or touched (locking its row), whether a response with `responseId` exists, and the
 * survey (`null` when the site has none with that id): one statement instead of three round trips.
 */
async function lockContactAndRead(
  tx: SqlExecutor,
  input: { siteId: string; visitor: VisitorIdentity; responseId: string; surveyId: string; now: Date },
): Promise<{ contactId: string; replay: boolean; survey: SurveyRow | null }> {
  const upsert = visitorContactUpsert(input);
  const next = upsert.params.length + 1;
  const { rows } = await tx.query<SurveyRow & { contact_id: string; replay: boolean; survey_found: boolean }>(
    `WITH ct AS (${upsert.sql})
     SELECT ct.id AS contact_id,
       EXISTS (SELECT 1 FROM feedback_responses WHERE site_id = $${next} AND id = $${next + 1}) AS replay,
       s.id IS NOT NULL AS survey_found, ${SURVEY_JOIN_COLUMNS}
     FROM ct LEFT JOIN surveys s ON s.site_id = $${next} AND s.id = $${next + 2}`,
    [...upsert.params, input.siteId, input.responseId, input.surveyId],
  );
  const { contact_id, replay, survey_found, ...survey } = rows[0]!;
  return { contactId: contact_id, replay, survey: survey_found ? survey : null };
}

/**
 * Stores a visitor's response once per client id, inside the caller's transaction. A replay of the same id
 * and body returns the stored response (`created: false`) even if the survey has closed since; the same id
 * with a different body, or from another visitor, is 409 `idempotency_conflict`. Otherwise the survey must
 * exist (404) and be open (409 `survey_closed`), and the answer must fit it (422). Nothing is stored on error.
 *
 * Resolving the contact locks its row: a visitor's submissions run one after another, so a retry waits for the
 * first. Whether the survey is open, how old `answeredAt` may be and when the response was received are judged
 * at the time read from `clock` once that lock is held.
 */
export async function submitResponse(
  tx: SqlExecutor,
  input: { siteId: string; visitor: VisitorIdentity; body: ResponseSubmit; clock: () => Date },
): Promise<{ created: boolean; row: ResponseRow }> {
  const { siteId, body } = input;
  const read = await lockContactAndRead(tx, {
    siteId,
    visitor: input.visitor,
    responseId: body.id,
    surveyId: body.surveyId,
    now: input.clock(),
  });
  const now = input.clock();
  const hash = await requestHash(read.contactId, body);
  const existing = read.replay ? await findResponse(tx, siteId, body.id) : null;
  if (existing) return replayOrConflict(existing, hash);

  const survey = openSurvey(read.survey, now);
  const valid = validateResponse(survey, body, now);
  // The stored row comes back from the insert itself (one statement); a concurrent insert of the same id returns none.
  const inserted = await tx.query<ResponseRow>(
    `WITH r AS (
       INSERT INTO feedback_responses (site_id, id, survey_id, contact_id, request_hash, kind, score, band, text,
         contact_requested, page_url, answered_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (site_id, id) DO NOTHING RETURNING *
     )
     SELECT ${RESPONSE_COLUMNS} FROM r JOIN contacts c ON c.id = r.contact_id JOIN surveys s ON s.site_id = r.site_id AND s.id = r.survey_id`,
    [
      siteId,
      body.id,
      survey.id,
      read.contactId,
      hash,
      survey.kind,
      valid.score,
      valid.band,
      valid.text,
      valid.contactRequested,
      body.pageUrl ?? null,
      valid.answeredAt,
      now,
    ],
  );
  const created = inserted.rows[0];
  if (created) {
    await emitResponseCreated(tx, { siteId, row: created });
    return { created: true, row: created };
  }
  const row = await findResponse(tx, siteId, body.id);
  if (!row) throw new Error('Response missing right after its insert');
  return replayOrConflict(row, hash);
}
