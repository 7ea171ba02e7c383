export { RapportError, isRapportError } from './errors/RapportError.js';
export type { RapportErrorCode, RapportErrorInit } from './errors/RapportError.js';
export { createRapportClient } from './client/createRapportClient.js';
export type { RapportClient, RapportClientOptions } from './client/createRapportClient.js';
export type { VisitorResource, CallOptions, WriteOptions } from './client/createVisitorResource.js';
export { ANONYMOUS_TOKEN_HEADER } from './client/createVisitorIdentity.js';
export { createTransport } from './transport/createTransport.js';
export type { Transport, TransportOptions, TransportRequest } from './transport/createTransport.js';
export type { RetryOptions } from './transport/backoff.js';
export { backoffDelay, parseRetryAfter } from './transport/backoff.js';
export { createId } from './transport/createId.js';
export { toIssues } from './transport/toIssues.js';
export { createMemoryStorage, defaultStorage } from './storage/KeyValueStorage.js';
export type { KeyValueStorage } from './storage/KeyValueStorage.js';
export { RAPPORT_HEADERS, API_PREFIX } from './protocol.js';
export {
  SERVER_ERROR_CODES,
  ValidationIssueSchema,
  ErrorEnvelopeSchema,
  TimestampSchema,
  IdSchema,
  ExternalIdSchema,
  LocaleSchema,
  TimeZoneSchema,
  TraitValueSchema,
  TraitsSchema,
  WIDGET_NAMES,
  PublicSiteSchema,
  ContactSchema,
  ContactUpsertSchema,
  ContactPageSchema,
  ContactListQuerySchema,
  VisitorTokenClaimsSchema,
  VisitorSessionSchema,
  VisitorProfileUpdateSchema,
  FeedbackSlotSchema,
  PreferencesSlotSchema,
  LoyaltySlotSchema,
  OwnerSlotSchema,
  BootstrapResponseSchema,
} from './schemas/index.js';
export type {
  ServerErrorCode,
  ValidationIssue,
  ErrorEnvelope,
  Traits,
  WidgetName,
  PublicSite,
  Contact,
  ContactUpsert,
  ContactPage,
  VisitorTokenClaims,
  VisitorSession,
  VisitorProfileUpdate,
  BootstrapResponse,
} from './schemas/index.js';
