import type { FeedbackBootstrap, VisitorSurvey } from '@rapport/core';
import type { BootstrapSlotInput } from '../contacts/BootstrapSlotInput.js';
import type { SqlExecutor } from '../store/Store.js';
import { eligibilityChanges, evaluateEligibility } from './evaluateEligibility.js';
import { getFeedbackSettings } from './feedbackSettingsQueries.js';
import { isSampledIn } from './isSampledIn.js';
import { loadFeedbackHistory } from './loadFeedbackHistory.js';
import { listUnseenReplies, toLoopReply } from './responseQueries.js';
import { listOpenSurveys, nextSurveyOpening, toVisitorSurvey } from './surveyQueries.js';

/**
 * The feedback slot of the bootstrap: the site's open surveys, newest first, each saying whether a trigger
 * may open it for this visitor now; and the replies and resolutions the visitor has not seen yet.
 */
export async function loadFeedbackSlot(db: SqlExecutor, input: BootstrapSlotInput): Promise<FeedbackBootstrap> {
  const { now } = input;
  const siteId = input.site.id;
  const contactId = input.contact.id;
  const open = await listOpenSurveys(db, siteId, now);
  const replies = (await listUnseenReplies(db, siteId, contactId)).map(toLoopReply);
  const surveys: VisitorSurvey[] = [];
  if (input.changesAt) {
    const opening = await nextSurveyOpening(db, siteId, now);
    if (opening) input.changesAt(opening.getTime());
  }
  if (open.length > 0) {
    const history = await loadFeedbackHistory(db, siteId, contactId);
    const settings = await getFeedbackSettings(db, siteId);
    for (const survey of open) {
      if (input.changesAt) {
        if (survey.ends_at) input.changesAt(survey.ends_at.getTime());
        for (const at of eligibilityChanges(history, survey, settings)) input.changesAt(at);
      }
      const sampledIn = await isSampledIn(survey.id, contactId, survey.sample_percent);
      const { eligible } = evaluateEligibility(history, { id: survey.id, recontact: survey.recontact, sampledIn }, settings, now);
      surveys.push(toVisitorSurvey(survey, eligible));
    }
  }
  return { enabled: true, surveys, replies };
}
