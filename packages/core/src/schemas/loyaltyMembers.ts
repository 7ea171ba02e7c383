import * as z from 'zod/mini';
import { TimestampSchema } from './common.js';

/** Query of `GET /v1/admin/loyalty/members`. */
export const LoyaltyMemberListQuerySchema = z.strictObject({
  /** Members per page, a whole number from 1 to 100. Default: 25. */
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9][0-9]|100)$/, 'A whole number from 1 to 100'))),
  /** The previous page's `nextCursor`, as it came. Default: none (the first page). */
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /**
   * Only members whose external id or name contains this text, ignoring case (1–100 characters, taken as
   * written: `%` and `_` are plain characters). Default: none (every member).
   */
  q: z.optional(
    z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[^\p{Cc}]+$/u, 'Text without control characters')),
  ),
});
export type LoyaltyMemberListQuery = z.infer<typeof LoyaltyMemberListQuerySchema>;

/** One member in the list: the figures of their card, exactly as `GET /v1/admin/contacts/{externalId}/loyalty` shows them. */
export const LoyaltyMemberListItemSchema = z.object({
  externalId: z.string(),
  /** The contact's `name` trait; `null` when it has none. */
  name: z.nullable(z.string()),
  /** Points spendable now. */
  balance: z.number(),
  /** Points earned but still inside the approval window. */
  pending: z.number(),
  lifetimePoints: z.number(),
  /** Name of the member's current tier. */
  tierName: z.string(),
  joinedAt: TimestampSchema,
  /** When the newest ledger entry (of any type) was written; `null` while the ledger is empty. */
  lastActivityAt: z.nullable(TimestampSchema),
});
export type LoyaltyMemberListItem = z.infer<typeof LoyaltyMemberListItemSchema>;

/** A page of `GET /v1/admin/loyalty/members`: newest members first (by join date, then account). */
export const LoyaltyMemberPageSchema = z.object({
  members: z.array(LoyaltyMemberListItemSchema),
  /** Pass as `cursor` to get the next page; `null` on the last page. */
  nextCursor: z.nullable(z.string()),
});
export type LoyaltyMemberPage = z.infer<typeof LoyaltyMemberPageSchema>;
