export { SERVER_ERROR_CODES, ValidationIssueSchema, ErrorEnvelopeSchema } from './error.js';
export type { ServerErrorCode, ValidationIssue, ErrorEnvelope } from './error.js';
export {
  TimestampSchema,
  IdSchema,
  ExternalIdSchema,
  LocaleSchema,
  TimeZoneSchema,
  TraitValueSchema,
  TraitsSchema,
} from './common.js';
export type { Traits } from './common.js';
export { WIDGET_NAMES, PublicSiteSchema } from './site.js';
export type { WidgetName, PublicSite } from './site.js';
export { ContactSchema, ContactUpsertSchema, ContactPageSchema, ContactListQuerySchema } from './contact.js';
export type { Contact, ContactUpsert, ContactPage } from './contact.js';
export { VisitorTokenClaimsSchema, VisitorSessionSchema, VisitorProfileUpdateSchema } from './visitor.js';
export type { VisitorTokenClaims, VisitorSession, VisitorProfileUpdate } from './visitor.js';
export {
  FeedbackSlotSchema,
  PreferencesSlotSchema,
  LoyaltySlotSchema,
  OwnerSlotSchema,
  BootstrapResponseSchema,
} from './bootstrap.js';
export type { BootstrapResponse } from './bootstrap.js';
