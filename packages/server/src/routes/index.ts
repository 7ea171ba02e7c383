import type { RouteDefinition } from '../http/RouteDefinition.js';
import { bootstrapRoute } from './bootstrap.js';
import { getContactRoute, listContactsRoute, putContactRoute } from './contacts.js';
import { listContactRequestsRoute, listFeedbackResponsesRoute, updateFeedbackResponseRoute } from './feedbackResponses.js';
import { getFeedbackSettingsRoute, putFeedbackSettingsRoute } from './feedbackSettings.js';
import { promptEventRoute, replySeenRoute, submitResponseRoute } from './feedbackVisitor.js';
import {
  adjustLoyaltyPointsRoute,
  awardLoyaltyPointsRoute,
  getContactLoyaltyRoute,
  getLoyaltyProgramRoute,
  putLoyaltyProgramRoute,
  reverseLoyaltyAwardRoute,
  scanLoyaltyMemberRoute,
} from './loyaltyAdmin.js';
import { listLoyaltyMembersRoute } from './loyaltyMembers.js';
import { celebrationSeenRoute, getVisitorLoyaltyRoute, memberTokenRoute, redeemRewardRoute } from './loyaltyVisitor.js';
import { openApiRoute } from './openapi.js';
import {
  getContactOwnerRoute,
  ownerContactRequestsRoute,
  putContactOwnerRoute,
  recordTouchRoute,
  staffContactRequestsRoute,
} from './ownerAdmin.js';
import { getVisitorOwnerRoute } from './ownerVisitor.js';
import {
  getContactPreferencesRoute,
  getPreferenceCatalogRoute,
  listConsentEventsRoute,
  listPendingConfirmationsRoute,
  optInRatesRoute,
  putPreferenceCatalogRoute,
  updateContactPreferencesRoute,
  verifyConsentChainsRoute,
} from './preferencesAdmin.js';
import {
  confirmOptInFromPageRoute,
  confirmOptInRoute,
  oneClickUnsubscribeInfoRoute,
  oneClickUnsubscribeRoute,
} from './preferencesPublic.js';
import { exportVisitorPreferencesRoute, updateVisitorPreferencesRoute } from './preferencesVisitor.js';
import { profileRoute } from './profile.js';
import { addOriginRoute, createPublishableKeyRoute, removeOriginRoute, revokePublishableKeyRoute } from './publishableKeysAdmin.js';
import { createSecretKeyRoute, getSiteRoute, revokeSecretKeyRoute, rotateIdentitySecretRoute } from './siteAdmin.js';
import {
  getOwnerSettingsRoute,
  getStaffRoute,
  listStaffRoute,
  putOwnerSettingsRoute,
  putStaffRoute,
  removeStaffRoute,
} from './staffAdmin.js';
import { createSurveyRoute, getSurveyRoute, listSurveysRoute, surveyResultsRoute, updateSurveyRoute } from './surveys.js';
import {
  listWebhookAttemptsRoute,
  listWebhookEventsRoute,
  replayWebhookEventRoute,
  replayWebhookEventsRoute,
  sendWebhookTestRoute,
} from './webhookEventsAdmin.js';
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  getWebhookEndpointRoute,
  listWebhookEndpointsRoute,
  rotateWebhookSecretRoute,
  updateWebhookEndpointRoute,
} from './webhooksAdmin.js';

/** The visitor's session: everything for every widget in one request, and their own settings. */
const SESSION_ROUTES = [bootstrapRoute, profileRoute];

/** Feedback from the browser: prompts shown or dismissed, answers, replies seen. */
const FEEDBACK_VISITOR_ROUTES = [promptEventRoute, submitResponseRoute, replySeenRoute];

/** Contacts as the business knows them. */
const CONTACT_ROUTES = [listContactsRoute, getContactRoute, putContactRoute];

/** Feedback for the business: surveys and their results, responses and replies, settings. */
const FEEDBACK_ADMIN_ROUTES = [
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
];

/** Preferences: the visitor's choices, the links in emails, the catalog and the consent log. */
const PREFERENCE_ROUTES = [
  updateVisitorPreferencesRoute,
  exportVisitorPreferencesRoute,
  confirmOptInRoute,
  confirmOptInFromPageRoute,
  oneClickUnsubscribeRoute,
  oneClickUnsubscribeInfoRoute,
  getPreferenceCatalogRoute,
  putPreferenceCatalogRoute,
  getContactPreferencesRoute,
  updateContactPreferencesRoute,
  listConsentEventsRoute,
  listPendingConfirmationsRoute,
  optInRatesRoute,
  verifyConsentChainsRoute,
];

/** Loyalty: the visitor's card and redemptions, the program, the ledger writes, the members. */
const LOYALTY_ROUTES = [
  getVisitorLoyaltyRoute,
  redeemRewardRoute,
  memberTokenRoute,
  celebrationSeenRoute,
  getLoyaltyProgramRoute,
  putLoyaltyProgramRoute,
  awardLoyaltyPointsRoute,
  reverseLoyaltyAwardRoute,
  adjustLoyaltyPointsRoute,
  getContactLoyaltyRoute,
  scanLoyaltyMemberRoute,
  listLoyaltyMembersRoute,
];

/** Contact owners: the visitor's owner, the staff and their hours, assignments, requests to be contacted. */
const OWNER_ROUTES = [
  getVisitorOwnerRoute,
  listStaffRoute,
  getStaffRoute,
  putStaffRoute,
  removeStaffRoute,
  getOwnerSettingsRoute,
  putOwnerSettingsRoute,
  recordTouchRoute,
  getContactOwnerRoute,
  putContactOwnerRoute,
  staffContactRequestsRoute,
  ownerContactRequestsRoute,
];

/** The site of a secret key: its publishable keys and origins, its secret keys, its identity secret. */
const SITE_ROUTES = [
  getSiteRoute,
  createPublishableKeyRoute,
  revokePublishableKeyRoute,
  addOriginRoute,
  removeOriginRoute,
  createSecretKeyRoute,
  revokeSecretKeyRoute,
  rotateIdentitySecretRoute,
];

/** Webhooks: endpoints and their secrets, tests, the event log, attempts and replays. */
const WEBHOOK_ROUTES = [
  createWebhookEndpointRoute,
  listWebhookEndpointsRoute,
  getWebhookEndpointRoute,
  updateWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  rotateWebhookSecretRoute,
  sendWebhookTestRoute,
  listWebhookAttemptsRoute,
  listWebhookEventsRoute,
  replayWebhookEventRoute,
  replayWebhookEventsRoute,
];

/**
 * Every route of the API, by domain. The app mounts exactly these and the OpenAPI document describes exactly these,
 * so the two cannot drift apart; the document lists their paths in this order (feedback's browser routes have come
 * before the contacts since the first version), so add a route to the end of its domain.
 */
export const RAPPORT_ROUTES: readonly RouteDefinition[] = [
  ...SESSION_ROUTES,
  ...FEEDBACK_VISITOR_ROUTES,
  ...CONTACT_ROUTES,
  ...FEEDBACK_ADMIN_ROUTES,
  ...PREFERENCE_ROUTES,
  ...LOYALTY_ROUTES,
  ...OWNER_ROUTES,
  ...SITE_ROUTES,
  ...WEBHOOK_ROUTES,
  openApiRoute,
];
