// `@rapport/core/schemas`: the zod contract. Kept off the root entry so browsers load zod lazily.
export {
  SERVER_ERROR_CODES, WIDGET_NAMES, SURVEY_KINDS, SCORE_RANGES, SCORE_BANDS, scoreBand, URL_MATCHES, PLACEMENTS,
  SURVEY_STATUSES, RESPONSE_STATUSES, CHANNELS, FREQUENCIES, OPT_IN_STATES, CONSENT_SOURCES, WEBHOOK_EVENT_TYPES,
} from './constants.js';
export type {
  ServerErrorCode, WidgetName, SurveyKind, ScoreBand, Placement, ResponseStatus, Channel, Frequency, OptInState,
  ConsentSource, WebhookEventType,
} from './constants.js';
export {
  ValidationIssueSchema, ErrorEnvelopeSchema,
} from './error.js';
export type {
  ValidationIssue, ErrorEnvelope,
} from './error.js';
export {
  TimestampSchema, IdSchema, ExternalIdSchema, StaffIdSchema, LocaleSchema, TimeZoneSchema, TraitValueSchema,
  TraitsSchema,
} from './common.js';
export type {
  Traits,
} from './common.js';
export {
  PublicSiteSchema,
} from './site.js';
export type {
  PublicSite,
} from './site.js';
export {
  ContactSchema, ContactUpsertSchema, ContactPageSchema, ContactListQuerySchema,
} from './contact.js';
export type {
  Contact, ContactUpsert, ContactPage,
} from './contact.js';
export {
  VisitorTokenClaimsSchema, VisitorSessionSchema, VisitorProfileUpdateSchema,
} from './visitor.js';
export type {
  VisitorTokenClaims, VisitorSession, VisitorProfileUpdate,
} from './visitor.js';
export {
  FeedbackSlotSchema, PreferencesSlotSchema, LoyaltySlotSchema, OwnerSlotSchema, BootstrapResponseSchema,
} from './bootstrap.js';
export type {
  BootstrapResponse,
} from './bootstrap.js';
export {
  UrlRuleSchema, TriggerSchema, Text, FollowUpsSchema,
} from './feedback.js';
export type {
  UrlRule, Trigger,
} from './feedback.js';
export {
  RecontactSchema, SurveySchema, SurveyCreateSchema, SurveyUpdateSchema, SurveyListSchema,
} from './survey.js';
export type {
  Recontact, Survey, SurveyCreate, SurveyUpdate, SurveyList,
} from './survey.js';
export {
  VisitorSurveySchema, LoopReplySchema, FeedbackBootstrapSchema, ResponseSubmitSchema, VisitorResponseSchema,
  PromptEventSchema, PromptEventResultSchema, ReplySeenSchema,
} from './feedbackVisitor.js';
export type {
  VisitorSurvey, LoopReply, FeedbackBootstrap, ResponseSubmit, VisitorResponse, PromptEvent, PromptEventResult,
} from './feedbackVisitor.js';
export {
  FeedbackResponseSchema, FeedbackResponsePageSchema, FeedbackResponseQuerySchema, FeedbackContactRequestQuerySchema,
  FeedbackResponseUpdateSchema, WeeklyResultSchema, SurveyResultsSchema, SurveyResultsQuerySchema,
  FeedbackSettingsSchema,
} from './feedbackAdmin.js';
export type {
  FeedbackResponse, FeedbackResponseUpdate, SurveyResults, FeedbackSettings,
} from './feedbackAdmin.js';
export {
  CatalogChannelSchema, CatalogTopicSchema, PreferenceCatalogSchema, ChannelChoiceSchema, PreferenceStateSchema,
  PreferencesBootstrapSchema, PreferenceChangeSchema, ConsentEventSchema, PreferenceExportSchema,
} from './preferences.js';
export type {
  CatalogTopic, PreferenceCatalog, PreferenceState, PreferencesBootstrap, PreferenceChange, ConsentEvent,
  PreferenceExport,
} from './preferences.js';
export {
  PreferenceCatalogInputSchema, ConsentChainReportSchema, ConsentVerifyQuerySchema, ConsentEventListQuerySchema,
  OptInRateSchema, OptInRatesSchema, PendingConfirmationSchema, PendingConfirmationListSchema,
  PendingConfirmationListQuerySchema, ConfirmOptInSchema, ContactPreferencesSchema,
} from './preferencesAdmin.js';
export type { PreferenceCatalogInput, ContactPreferences, ConsentChainReport } from './preferencesAdmin.js';
export {
  LEDGER_ENTRY_TYPES, CELEBRATION_KINDS, STAMP_REWARD_ID,
} from './constants.js';
export type {
  LedgerEntryType, CelebrationKind,
} from './constants.js';
export {
  LoyaltySlug, LoyaltyAccountSummarySchema, LoyaltyBootstrapSchema, RedemptionRequestSchema, RedemptionResultSchema,
  MemberTokenSchema,
} from './loyaltyVisitor.js';
export type {
  LoyaltyAccountSummary, LoyaltyBootstrap, RedemptionRequest, RedemptionResult, MemberToken,
} from './loyaltyVisitor.js';
export {
  LoyaltyTierSchema, LoyaltyRewardSchema, LoyaltyProgramInputSchema, LoyaltyProgramSchema, LedgerEntrySchema,
  LoyaltyAwardSchema, LoyaltyReversalSchema, LoyaltyAdjustmentSchema, LedgerWriteResultSchema, LoyaltyMemberSchema,
  MemberScanSchema,
} from './loyalty.js';
export type {
  LoyaltyTier, LoyaltyReward, LoyaltyProgramInput, LoyaltyProgram, LedgerEntry, LoyaltyAward, LoyaltyReversal,
  LoyaltyAdjustment, LedgerWriteResult, LoyaltyMember,
} from './loyalty.js';
export { LoyaltyMemberListQuerySchema, LoyaltyMemberListItemSchema, LoyaltyMemberPageSchema } from './loyaltyMembers.js';
export type { LoyaltyMemberListQuery, LoyaltyMemberListItem, LoyaltyMemberPage } from './loyaltyMembers.js';
export {
  WEEKDAYS, OWNER_VISIBLE_FIELDS, ASSIGNMENT_METHODS, AVAILABILITY_STATES,
} from './constants.js';
export type {
  Weekday, OwnerVisibleField, AssignmentMethod, AvailabilityState,
} from './constants.js';
export {
  AvailabilitySchema, PublicOwnerSchema, OwnerCoveringSchema, OwnerBootstrapSchema,
} from './ownerVisitor.js';
export type {
  Availability, PublicOwner, OwnerCovering, OwnerBootstrap,
} from './ownerVisitor.js';
export {
  ShiftSchema, HolidaySchema, OutOfOfficeSchema, ResponseTimeSchema, StaffInputSchema, StaffSchema, StaffListSchema,
  StaffRemovalSchema, OwnerSettingsSchema, TouchSchema, OwnerAssignmentInputSchema, AssignmentSchema,
  ContactOwnerSchema, TouchResultSchema, StaffContactRequestsSchema, OwnerContactRequestGroupsSchema,
} from './owner.js';
export type {
  Shift, Holiday, OutOfOffice, ResponseTime, StaffInput, Staff, StaffList, StaffRemoval, OwnerSettings, Touch,
  OwnerAssignmentInput, Assignment, ContactOwner, TouchResult, StaffContactRequests, OwnerContactRequestGroups,
} from './owner.js';
// Site administration (keys, origins, identity secret), for the server and admin clients.
export { MAX_IDENTITY_SECRET_GRACE_SECONDS, DEFAULT_IDENTITY_SECRET_GRACE_SECONDS, SiteOriginSchema } from './siteAdmin.js';
export { PublishableKeySchema, SecretKeyInfoSchema, CreatedSecretKeySchema, IdentitySecretStatusSchema } from './siteAdmin.js';
export { SiteAdminSchema, PublishableKeyCreateSchema, OriginAddSchema, OriginRemoveQuerySchema } from './siteAdmin.js';
export { IdentitySecretRotateSchema, IdentitySecretRotatedSchema } from './siteAdmin.js';
export type { PublishableKey, SecretKeyInfo, CreatedSecretKey, SiteAdmin } from './siteAdmin.js';
export type { PublishableKeyCreate, IdentitySecretRotate, IdentitySecretRotated } from './siteAdmin.js';
export {
  WebhookEventTypeSchema, WebhookUrlSchema, WebhookEndpointSchema, WebhookEndpointWithSecretSchema,
  WebhookEndpointCreateSchema, WebhookEndpointUpdateSchema, WebhookSecretRotateSchema, WebhookEndpointPageSchema,
  WebhookEventRecordSchema, WebhookEventPageSchema, WebhookEventListQuerySchema, WebhookAttemptSchema,
  WebhookAttemptPageSchema, WebhookEventReplaySchema, WebhookReplaySchema, WebhookQueuedSchema,
} from './webhookEndpoints.js';
export type {
  WebhookEndpoint, WebhookEndpointWithSecret, WebhookEndpointCreate, WebhookEndpointUpdate, WebhookSecretRotate,
  WebhookEndpointPage, WebhookEventRecord, WebhookEventPage, WebhookAttempt, WebhookAttemptPage, WebhookEventReplay,
  WebhookReplay, WebhookQueued,
} from './webhookEndpoints.js';
// Webhook event bodies (`{ type, timestamp, data }`) and each type's `data`, for the server and the business's receivers.
export {
  WebhookContactSchema, FeedbackResponseEventDataSchema, FeedbackReplySeenEventDataSchema,
  PreferenceChangeItemSchema, PreferencesChangedEventDataSchema, PreferencesConfirmedEventDataSchema,
  PreferencesPausedEventDataSchema, PreferencesUnsubscribedAllEventDataSchema, LOYALTY_AWARD_KINDS,
  LoyaltyPointsAwardedEventDataSchema, LoyaltyRewardRedeemedEventDataSchema, LoyaltyTierChangedEventDataSchema,
  OwnerAssignedEventDataSchema, OwnerContactRequestedEventDataSchema, WebhookEndpointDisabledEventDataSchema,
  WebhookTestEventDataSchema, WEBHOOK_EVENT_SCHEMAS, webhookEnvelopeSchema, WebhookEventSchema,
} from './webhookEvents.js';
export type {
  WebhookContact, FeedbackResponseEventData, FeedbackReplySeenEventData, PreferenceChangeItem,
  PreferencesChangedEventData, PreferencesConfirmedEventData, PreferencesPausedEventData,
  PreferencesUnsubscribedAllEventData, LoyaltyAwardKind, LoyaltyPointsAwardedEventData,
  LoyaltyRewardRedeemedEventData, LoyaltyTierChangedEventData, OwnerAssignedEventData,
  OwnerContactRequestedEventData, WebhookEndpointDisabledEventData, WebhookTestEventData, WebhookEventData,
  WebhookEvent,
} from './webhookEvents.js';
