import * as z from 'zod/mini';
import { IdSchema, TimestampSchema } from './common.js';
import { CELEBRATION_KINDS, LEDGER_ENTRY_TYPES } from './constants.js';

// What the browser sees of loyalty: the card, redemptions and the member token. Kept apart from the admin
// schemas (loyalty.ts) so the browser's contract chunk carries only these.

/** A reward or action id: lower-case letters, digits, `_` and `-`. */
export const LoyaltySlug = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9][a-z0-9_-]*$/, 'Lower-case letters, digits, _ and -'));
const ClientId = z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[\w-]+$/, 'Letters, digits, _ and -'));

/** A history line as the visitor sees it. */
const HistoryItemSchema = z.object({
  id: IdSchema,
  type: z.enum(LEDGER_ENTRY_TYPES),
  points: z.number(),
  reason: z.string(),
  at: TimestampSchema,
  pending: z.boolean(),
});

/** `GET /v1/visitor/loyalty`: the visitor's card. */
export const LoyaltyAccountSummarySchema = z.object({
  pointsName: z.string(),
  /** Spendable points. Never negative. */
  balance: z.number(),
  /** Earned, not spendable until the approval window passes. */
  pending: z.number(),
  lifetimePoints: z.number(),
  tier: z.object({
    name: z.string(),
    perks: z.string(),
    next: z.nullable(z.object({ name: z.string(), threshold: z.number(), pointsNeeded: z.number() })),
    /** 0–1 towards the next tier (1 at the top). */
    progress: z.number(),
    /** Points to earn before `keepBy` to keep this tier; 0 when `keepBy` is `null`. */
    pointsToKeep: z.number(),
    /**
     * With tier retention, when this tier is lost if nothing more is earned (the end of the grace year after
     * reaching it, or when the last 12 months' points fall below its threshold); `null` without retention or
     * on the first tier.
     */
    keepBy: z.nullable(TimestampSchema),
  }),
  nextExpiry: z.nullable(z.object({ points: z.number(), at: TimestampSchema })),
  /** The stamp card: `collected` on the current card, `ready` full cards to claim (reward id {@link STAMP_REWARD_ID}). */
  stamps: z.nullable(z.object({ size: z.number(), collected: z.number(), ready: z.number(), reward: z.string() })),
  rewards: z.array(
    z.object({ id: z.string(), name: z.string(), description: z.string(), cost: z.number(), gap: z.number() }),
  ),
  history: z.array(HistoryItemSchema),
  /** An automatic reward granted and not yet seen on the card. */
  celebration: z.nullable(z.object({ kind: z.enum(CELEBRATION_KINDS), points: z.number(), at: TimestampSchema })),
  referralCode: z.string(),
});
export type LoyaltyAccountSummary = z.infer<typeof LoyaltyAccountSummarySchema>;

/** The bootstrap's loyalty slot: the signed-in visitor's card (`null` for an anonymous visitor). */
export const LoyaltyBootstrapSchema = z.object({
  enabled: z.literal(true),
  card: z.nullable(LoyaltyAccountSummarySchema),
});
export type LoyaltyBootstrap = z.infer<typeof LoyaltyBootstrapSchema>;

/**
 * Body of `POST /v1/visitor/loyalty/redemptions`; `id` is the client's idempotency key. `rewardId` is a
 * catalog reward, or {@link STAMP_REWARD_ID} to claim a full stamp card.
 */
export const RedemptionRequestSchema = z.strictObject({ id: ClientId, rewardId: LoyaltySlug });
export type RedemptionRequest = z.infer<typeof RedemptionRequestSchema>;

/** A redemption: what to show at the till. */
export const RedemptionResultSchema = z.object({
  id: IdSchema,
  rewardId: z.string(),
  rewardName: z.string(),
  points: z.number(),
  code: z.string(),
  instruction: z.nullable(z.string()),
  balance: z.number(),
  createdAt: TimestampSchema,
});
export type RedemptionResult = z.infer<typeof RedemptionResultSchema>;

/**
 * A short-lived signed token for the member QR code, with the code already drawn (by the server, so the
 * browser ships no QR encoder): `qr.path` is an SVG path of the dark modules on a `size`×`size` grid,
 * quiet zone not included.
 */
export const MemberTokenSchema = z.object({
  token: z.string(),
  expiresAt: TimestampSchema,
  qr: z.object({ size: z.number(), path: z.string() }),
});
export type MemberToken = z.infer<typeof MemberTokenSchema>;
