// @rapport/node: Rapport for the business's server. Depends on @rapport/core only (no database, no HTTP server).
export { createRapportAdmin } from './createRapportAdmin.js';
export type { RapportAdmin, RapportAdminOptions } from './createRapportAdmin.js';
export { RAPPORT_ADMIN_OPERATIONS } from './admin/adminOperations.js';
export type { AdminOperationEntry } from './admin/adminOperations.js';
export type { AdminCallOptions, AdminWriteOptions, AdminHttpMethod, QueryInput, RetrySafety } from './admin/AdminOperation.js';
export type { ContactListQuery } from './admin/contactsAdmin.js';
export type { FeedbackResponseQuery, FeedbackContactRequestQuery } from './admin/feedbackAdmin.js';
export type { LoyaltyMemberQuery } from './admin/loyaltyAdmin.js';
export type { WebhookEventQuery, WebhookPageQuery } from './admin/webhooksAdmin.js';
export { signVisitorToken } from './tokens/signVisitorToken.js';
export type { SignVisitorTokenOptions } from './tokens/signVisitorToken.js';
export { verifyWebhook } from './webhooks/verifyWebhook.js';
export type { UnknownWebhookEvent, VerifyWebhookOptions, WebhookHeaders } from './webhooks/verifyWebhook.js';
export { WebhookVerificationError } from './webhooks/WebhookVerificationError.js';
export type { WebhookVerificationErrorCode } from './webhooks/WebhookVerificationError.js';
// The errors every admin call throws, and the event types verifyWebhook returns, from the contract.
export { RapportError, isRapportError } from '@rapport/core';
export type { RapportErrorCode, RetryOptions } from '@rapport/core';
export type { WebhookEvent, WebhookEventType } from '@rapport/core/schemas';
