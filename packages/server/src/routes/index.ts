import type { RouteDefinition } from '../http/defineRoute.js';
import { bootstrapRoute } from './bootstrap.js';
import { getContactRoute, listContactsRoute, putContactRoute } from './contacts.js';
import { listContactRequestsRoute, listFeedbackResponsesRoute, updateFeedbackResponseRoute } from './feedbackResponses.js';
import { getFeedbackSettingsRoute, putFeedbackSettingsRoute } from './feedbackSettings.js';
import { promptEventRoute, replySeenRoute, submitResponseRoute } from './feedbackVisitor.js';
import { openApiRoute } from './openapi.js';
import { profileRoute } from './profile.js';
import { createSurveyRoute, getSurveyRoute, listSurveysRoute, surveyResultsRoute, updateSurveyRoute } from './surveys.js';

/**
 * Every route of the API. The app mounts exactly these and the OpenAPI document describes exactly these,
 * so the two cannot drift apart.
 */
export const RAPPORT_ROUTES: readonly RouteDefinition[] = [
  bootstrapRoute,
  profileRoute,
  promptEventRoute,
  submitResponseRoute,
  replySeenRoute,
  listContactsRoute,
  getContactRoute,
  putContactRoute,
  createSurveyRoute,
  listSurveysRoute,
  getSurveyRoute,
  updateSurveyRoute,
  surveyResultsRoute,
  listFeedbackResponsesRoute,
  updateFeedbackResponseRoute,
  listContactRequestsRoute,
  getFeedbackSettingsRoute,
  putFeedbackSettingsRoute,
  openApiRoute,
];
