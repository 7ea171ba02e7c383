import { API_PREFIX } from '@rapport/core';

/** Root of the browser routes (publishable key, visitor token); the CORS preflight is answered under it. */
export const VISITOR_ROOT = `${API_PREFIX}/visitor`;
/** Root of the routes of the business's server (secret key). */
const ADMIN_ROOT = `${API_PREFIX}/admin`;
/** One known contact, by the business's own user id. */
const CONTACT = `${ADMIN_ROOT}/contacts/{externalId}`;

/**
 * Every path of the API, by domain, built here once from `API_PREFIX`: OpenAPI-style templates (`{param}`).
 * Browser routes live under {@link VISITOR_ROOT}, the business's under `/v1/admin`, credential-free links (emails,
 * the OpenAPI document) directly under `/v1`.
 */
export const API_PATHS = {
  session: {
    bootstrap: `${VISITOR_ROOT}/bootstrap`,
    profile: `${VISITOR_ROOT}/profile`,
  },
  contacts: {
    list: `${ADMIN_ROOT}/contacts`,
    one: CONTACT,
  },
  feedback: {
    promptEvents: `${VISITOR_ROOT}/feedback/events`,
    visitorResponses: `${VISITOR_ROOT}/feedback/responses`,
    replySeen: `${VISITOR_ROOT}/feedback/replies/{responseId}/seen`,
    surveys: `${ADMIN_ROOT}/surveys`,
    survey: `${ADMIN_ROOT}/surveys/{id}`,
    surveyResults: `${ADMIN_ROOT}/surveys/{id}/results`,
    responses: `${ADMIN_ROOT}/feedback/responses`,
    response: `${ADMIN_ROOT}/feedback/responses/{id}`,
    contactRequests: `${ADMIN_ROOT}/feedback/contact-requests`,
    settings: `${ADMIN_ROOT}/feedback/settings`,
  },
  preferences: {
    visitor: `${VISITOR_ROOT}/preferences`,
    visitorExport: `${VISITOR_ROOT}/preferences/export`,
    confirmFromPage: `${VISITOR_ROOT}/preferences/confirm`,
    confirm: `${API_PREFIX}/preferences/confirm`,
    unsubscribe: `${API_PREFIX}/unsubscribe/{token}`,
    catalog: `${ADMIN_ROOT}/preferences/catalog`,
    contact: `${CONTACT}/preferences`,
    consentEvents: `${CONTACT}/consent-events`,
    confirmations: `${ADMIN_ROOT}/preferences/confirmations`,
    rates: `${ADMIN_ROOT}/preferences/rates`,
    verify: `${ADMIN_ROOT}/preferences/verify`,
  },
  loyalty: {
    card: `${VISITOR_ROOT}/loyalty`,
    redemptions: `${VISITOR_ROOT}/loyalty/redemptions`,
    memberToken: `${VISITOR_ROOT}/loyalty/member-token`,
    celebrationsSeen: `${VISITOR_ROOT}/loyalty/celebrations/seen`,
    program: `${ADMIN_ROOT}/loyalty/program`,
    awards: `${ADMIN_ROOT}/loyalty/awards`,
    reversals: `${ADMIN_ROOT}/loyalty/reversals`,
    adjustments: `${ADMIN_ROOT}/loyalty/adjustments`,
    member: `${CONTACT}/loyalty`,
    scan: `${ADMIN_ROOT}/loyalty/scan`,
    members: `${ADMIN_ROOT}/loyalty/members`,
  },
  owners: {
    visitorOwner: `${VISITOR_ROOT}/owner`,
    staff: `${ADMIN_ROOT}/staff`,
    staffMember: `${ADMIN_ROOT}/staff/{staffId}`,
    settings: `${ADMIN_ROOT}/owner-settings`,
    touches: `${ADMIN_ROOT}/touches`,
    contactOwner: `${CONTACT}/owner`,
    staffContactRequests: `${ADMIN_ROOT}/staff/{staffId}/contact-requests`,
    contactRequests: `${ADMIN_ROOT}/owners/contact-requests`,
  },
  site: {
    site: `${ADMIN_ROOT}/site`,
    publishableKeys: `${ADMIN_ROOT}/site/publishable-keys`,
    publishableKey: `${ADMIN_ROOT}/site/publishable-keys/{key}`,
    origins: `${ADMIN_ROOT}/site/publishable-keys/{key}/origins`,
    secretKeys: `${ADMIN_ROOT}/site/secret-keys`,
    secretKey: `${ADMIN_ROOT}/site/secret-keys/{keyId}`,
    rotateIdentitySecret: `${ADMIN_ROOT}/site/identity-secret/rotate`,
  },
  webhooks: {
    endpoints: `${ADMIN_ROOT}/webhooks/endpoints`,
    endpoint: `${ADMIN_ROOT}/webhooks/endpoints/{endpointId}`,
    rotateSecret: `${ADMIN_ROOT}/webhooks/endpoints/{endpointId}/rotate-secret`,
    test: `${ADMIN_ROOT}/webhooks/endpoints/{endpointId}/test`,
    attempts: `${ADMIN_ROOT}/webhooks/endpoints/{endpointId}/attempts`,
    events: `${ADMIN_ROOT}/webhooks/events`,
    replayEvent: `${ADMIN_ROOT}/webhooks/events/{eventId}/replay`,
    replay: `${ADMIN_ROOT}/webhooks/replay`,
  },
  meta: {
    openApi: `${API_PREFIX}/openapi.json`,
  },
} as const;
