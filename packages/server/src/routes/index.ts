import type { RouteDefinition } from '../http/defineRoute.js';
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
  getSiteRoute,
  createPublishableKeyRoute,
  revokePublishableKeyRoute,
  addOriginRoute,
  removeOriginRoute,
  createSecretKeyRoute,
  revokeSecretKeyRoute,
  rotateIdentitySecretRoute,
  openApiRoute,
];
