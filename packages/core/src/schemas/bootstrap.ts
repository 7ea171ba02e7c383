import * as z from 'zod/mini';
import { FeedbackBootstrapSchema } from './feedbackVisitor.js';
import { LoyaltyBootstrapSchema } from './loyaltyVisitor.js';
import { OwnerBootstrapSchema } from './ownerVisitor.js';
import { PreferencesBootstrapSchema } from './preferences.js';
import { PublicSiteSchema } from './site.js';
import { VisitorSessionSchema } from './visitor.js';

/**
 * One slot per widget in the bootstrap response. `null` when the site has the widget switched off;
 * otherwise the data that widget needs for its first render, so a page with every widget makes one request.
 * Every slot says whether the widget is on.
 */
export const FeedbackSlotSchema = z.nullable(FeedbackBootstrapSchema);
export const PreferencesSlotSchema = z.nullable(PreferencesBootstrapSchema);
export const LoyaltySlotSchema = z.nullable(LoyaltyBootstrapSchema);
export const OwnerSlotSchema = z.nullable(OwnerBootstrapSchema);

/** Response of `GET /v1/visitor/bootstrap`: everything every widget on the page needs, in one request. */
export const BootstrapResponseSchema = z.object({
  site: PublicSiteSchema,
  visitor: VisitorSessionSchema,
  widgets: z.object({
    feedback: FeedbackSlotSchema,
    preferences: PreferencesSlotSchema,
    loyalty: LoyaltySlotSchema,
    owner: OwnerSlotSchema,
  }),
});
export type BootstrapResponse = z.infer<typeof BootstrapResponseSchema>;
