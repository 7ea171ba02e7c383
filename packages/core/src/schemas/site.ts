import * as z from 'zod/mini';
import { IdSchema, LocaleSchema } from './common.js';
import { WIDGET_NAMES } from './constants.js';

/** What a browser may know about the site it is on: no keys, no secrets, no allowlists. */
export const PublicSiteSchema = z.object({
  id: IdSchema,
  /** The business's name as visitors see it. */
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  /** Locale used when the visitor has none. */
  defaultLocale: LocaleSchema,
  /** Widgets the business has switched on for this site. */
  enabledWidgets: z.array(z.enum(WIDGET_NAMES)),
});
export type PublicSite = z.infer<typeof PublicSiteSchema>;
