// The part of the contract the browser client validates with. Loaded as ONE lazy chunk (zod + these
// schemas) by `loadContract`: one extra request, in parallel with the bootstrap, instead of several.
export { ErrorEnvelopeSchema } from './error.js';
export { BootstrapResponseSchema } from './bootstrap.js';
export { VisitorProfileUpdateSchema, VisitorSessionSchema } from './visitor.js';
export { VisitorResponseSchema, PromptEventResultSchema, LoopReplySchema } from './feedbackVisitor.js';
export { PreferenceChangeSchema, PreferenceStateSchema, PreferenceExportSchema } from './preferences.js';
export { LoyaltyAccountSummarySchema, RedemptionRequestSchema, RedemptionResultSchema, MemberTokenSchema } from './loyaltyVisitor.js';
export { OwnerBootstrapSchema } from './ownerVisitor.js';
