import type { PromptEvent, PromptEventResult } from '@rapport/core';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { resolveVisitorContact } from '../contacts/resolveVisitorContact.js';
import { sha256Hex } from '../crypto/sha256.js';
import type { SqlExecutor } from '../store/Store.js';
import { evaluateEligibility } from './evaluateEligibility.js';
import { getFeedbackSettings } from './feedbackSettingsQueries.js';
import { findOpenSurvey, idempotencyConflict } from './findOpenSurvey.js';
import { isSampledIn } from './isSampledIn.js';
import { loadFeedbackHistory } from './loadFeedbackHistory.js';

const ACCEPTED: PromptEventResult = { accepted: true, reason: null };

async function replayOrConflict(db: SqlExecutor, siteId: string, id: string, hash: string): Promise<PromptEventResult | null> {
  const { rows } = await db.query<{ request_hash: string }>(
    'SELECT request_hash FROM feedback_events WHERE site_id = $1 AND id = $2',
    [siteId, id],
  );
  const existing = rows[0];
  if (!existing) return null;
  if (existing.request_hash !== hash) throw idempotencyConflict('event');
  return ACCEPTED;
}

/**
 * Records that a prompt was shown or dismissed, inside the caller's transaction. A display opened by a
 * trigger or by code must pass the visitor's sample and the recontact rules; when it does not, the answer
 * is `accepted: false` with the reason and nothing is recorded (a retry is judged again). A display from
 * the feedback tab and a dismissal are always recorded. Events are idempotent by their client id: a replay
 * answers as the first time; the same id for another event or visitor is 409 `idempotency_conflict`.
 *
 * The visitor's events run one at a time: resolving the contact locks its row until the transaction ends, and
 * the time every rule is judged at (and the event is recorded at) is read from `clock` after that, so a display
 * that waited sees the displays committed ahead of it and is stamped after them. The database holds the cap
 * too: it refuses a display from a trigger or code past the survey's `maxDisplays`.
 */
export async function recordPromptEvent(
  tx: SqlExecutor,
  input: { siteId: string; visitor: VisitorIdentity; event: PromptEvent; clock: () => Date },
): Promise<PromptEventResult> {
  const { siteId, event } = input;
  const contact = await resolveVisitorContact(tx, { siteId, visitor: input.visitor, now: input.clock() });
  const now = input.clock();
  const hash = await sha256Hex(JSON.stringify([contact.id, event.surveyId, event.type, event.source]));
  const replayed = await replayOrConflict(tx, siteId, event.id, hash);
  if (replayed) return replayed;

  const survey = await findOpenSurvey(tx, siteId, event.surveyId, now);
  if (event.type === 'display' && event.source !== 'tab') {
    const history = await loadFeedbackHistory(tx, siteId, contact.id);
    const settings = await getFeedbackSettings(tx, siteId);
    const sampledIn = await isSampledIn(survey.id, contact.id, survey.sample_percent);
    const decision = evaluateEligibility(history, { id: survey.id, recontact: survey.recontact, sampledIn }, settings, now);
    if (!decision.eligible) return { accepted: false, reason: decision.reason };
  }
  const inserted = await tx.query(
    `INSERT INTO feedback_events (site_id, id, survey_id, contact_id, type, source, request_hash, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (site_id, id) DO NOTHING RETURNING id`,
    [siteId, event.id, survey.id, contact.id, event.type, event.source, hash, now],
  );
  if (inserted.rows.length > 0) return ACCEPTED;
  const raced = await replayOrConflict(tx, siteId, event.id, hash);
  if (!raced) throw new Error('Prompt event missing after a conflicting insert');
  return raced;
}
