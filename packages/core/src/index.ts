export { RapportError, isRapportError } from './errors/RapportError.js';
export type { RapportErrorCode, RapportErrorInit } from './errors/RapportError.js';
export { createRapportClient } from './client/createRapportClient.js';
export type { RapportClient, RapportClientOptions } from './client/createRapportClient.js';
export type { RapportClientEvents } from './client/RapportClientEvents.js';
export type { ListenOptions } from './client/createEmitter.js';
// The outbox, the trigger engine and answer validation are reached through `client.feedback` only: a static
// export here would put them on every page's first-render path (they load lazily, as one chunk).
export type {
  FeedbackResource,
  SubmitOptions,
  PromptEventInput,
  ReplySeenInput,
  WatchTriggersOptions,
  TriggerWatch,
} from './client/FeedbackResource.js';
export type {
  Outbox,
  OutboxOptions,
  OutboxEvent,
  OutboxListener,
  OutboxSubmitResult,
  OutboxRetryOptions,
  OnlineEventTarget,
  Timers,
} from './feedback/createOutbox.js';
export type {
  TriggerEngine,
  TriggerEngineOptions,
  TriggerWindow,
  TriggerEventSource,
} from './feedback/createTriggerEngine.js';
export type { FeedbackAnswer } from './feedback/validateAnswer.js';
export type { VisitorResource, CallOptions, WriteOptions } from './client/createVisitorResource.js';
export type { PreferencesResource } from './client/createPreferencesResource.js';
export type { LoyaltyResource, RedemptionInput } from './client/createLoyaltyResource.js';
export type { OwnerResource } from './client/createOwnerResource.js';
export { ANONYMOUS_TOKEN_HEADER } from './client/createVisitorIdentity.js';
export { createTransport, loadSchema } from './transport/createTransport.js';
export type { Transport, TransportOptions, TransportRequest, SchemaSource } from './transport/createTransport.js';
export type { RetryOptions } from './transport/backoff.js';
export { backoffDelay, parseRetryAfter } from './transport/backoff.js';
export { createId } from './transport/createId.js';
export { toIssues } from './transport/toIssues.js';
export { createMemoryStorage, defaultStorage } from './storage/KeyValueStorage.js';
export type { KeyValueStorage } from './storage/KeyValueStorage.js';
export { RAPPORT_HEADERS, API_PREFIX } from './protocol.js';
export {
  SERVER_ERROR_CODES,
  WIDGET_NAMES,
  SURVEY_KINDS,
  SCORE_RANGES,
  SCORE_BANDS,
  scoreBand,
  URL_MATCHES,
  PLACEMENTS,
  SURVEY_STATUSES,
  RESPONSE_STATUSES,
  CHANNELS,
  FREQUENCIES,
  OPT_IN_STATES,
  CONSENT_SOURCES,
  WEBHOOK_EVENT_TYPES,
  LEDGER_ENTRY_TYPES,
  CELEBRATION_KINDS,
  STAMP_REWARD_ID,
  WEEKDAYS,
  OWNER_VISIBLE_FIELDS,
  ASSIGNMENT_METHODS,
  AVAILABILITY_STATES,
} from './schemas/constants.js';
export type {
  ServerErrorCode,
  WidgetName,
  SurveyKind,
  ScoreBand,
  Placement,
  ResponseStatus,
  ValidationIssue,
  ErrorEnvelope,
  Traits,
  PublicSite,
  Contact,
  ContactUpsert,
  ContactPage,
  VisitorTokenClaims,
  VisitorSession,
  VisitorProfileUpdate,
  BootstrapResponse,
  UrlRule,
  Trigger,
  Recontact,
  Survey,
  SurveyCreate,
  SurveyUpdate,
  VisitorSurvey,
  LoopReply,
  FeedbackBootstrap,
  ResponseSubmit,
  VisitorResponse,
  PromptEvent,
  PromptEventResult,
  FeedbackResponse,
  FeedbackResponseUpdate,
  SurveyResults,
  FeedbackSettings,
  CatalogTopic,
  PreferenceCatalog,
  PreferenceCatalogInput,
  PreferenceState,
  PreferencesBootstrap,
  PreferenceChange,
  ConsentEvent,
  PreferenceExport,
  ContactPreferences,
  ConsentChainReport,
  Channel,
  Frequency,
  OptInState,
  ConsentSource,
  WebhookEventType,
  LedgerEntryType,
  CelebrationKind,
  LoyaltyAccountSummary,
  LoyaltyBootstrap,
  RedemptionResult,
  MemberToken,
  LoyaltyProgram,
  LoyaltyProgramInput,
  LoyaltyMember,
  LoyaltyMemberListItem,
  LoyaltyMemberPage,
  LedgerEntry,
  LedgerWriteResult,
  LoyaltyAward,
  Weekday,
  OwnerVisibleField,
  AssignmentMethod,
  AvailabilityState,
  Availability,
  PublicOwner,
  OwnerCovering,
  OwnerBootstrap,
  Shift,
  Holiday,
  OutOfOffice,
  ResponseTime,
  StaffInput,
  Staff,
  StaffList,
  StaffRemoval,
  OwnerSettings,
  Touch,
  OwnerAssignmentInput,
  Assignment,
  ContactOwner,
  TouchResult,
  StaffContactRequests,
  OwnerContactRequestGroups,
} from './schemas/index.js';
