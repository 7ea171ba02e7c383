import * as z from 'zod/mini';
import { ExternalIdSchema, IdSchema, TimestampSchema } from './common.js';
import { LEDGER_ENTRY_TYPES } from './constants.js';
import { Text } from './feedback.js';
import { LoyaltyAccountSummarySchema, LoyaltySlug as Slug } from './loyaltyVisitor.js';

const Points = z.number().check(z.int(), z.minimum(0), z.maximum(10_000_000));
const PositivePoints = z.number().check(z.int(), z.minimum(1), z.maximum(10_000_000));
const Currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. GBP'));

/** A tier, reached by lifetime points. */
export const LoyaltyTierSchema = z.strictObject({
  name: Text(60),
  /** Lifetime points that reach it; the first tier's is 0. */
  threshold: Points,
  /** What members of this tier get, as text. */
  perks: z.string().check(z.maxLength(500)),
});
export type LoyaltyTier = z.infer<typeof LoyaltyTierSchema>;

/** A reward members spend points on. */
export const LoyaltyRewardSchema = z.strictObject({
  id: Slug,
  name: Text(80),
  description: z.string().check(z.maxLength(500)),
  cost: PositivePoints,
  /** A fixed code to hand out (e.g. a shop discount code). Without it each redemption gets its own code. */
  code: z.optional(Text(64)),
  /** What to do with it ("Show this code at the till"). */
  instruction: z.optional(Text(300)),
});
export type LoyaltyReward = z.infer<typeof LoyaltyRewardSchema>;

/** Body of `PUT /v1/admin/loyalty/program`. */
export const LoyaltyProgramInputSchema = z.strictObject({
  /** What points are called ("Beans"). */
  pointsName: Text(40),
  earn: z.strictObject({
    /** Points per currency unit of a purchase (fractions are rounded down). */
    perCurrencyUnit: z.number().check(z.minimum(0), z.maximum(10_000)),
    currency: Currency,
    /** Points for named actions (e.g. `review`), awarded by the business's server. */
    actions: z.array(z.strictObject({ id: Slug, label: Text(80), points: PositivePoints })).check(z.maxLength(50)),
    /** Granted automatically on joining, on the birthday and on each membership anniversary (0 for none). */
    welcome: Points,
    birthday: Points,
    anniversary: Points,
    /**
     * Referral rewards: `referrer` points for the member whose code a new customer gave with an order, `friend`
     * points for that customer; once per referred member. Absent: codes are shown but earn nothing.
     */
    referral: z.optional(z.strictObject({ referrer: PositivePoints, friend: Points })),
  }),
  /** Earned points stay pending (not spendable) this many days. */
  approvalWindowDays: z.number().check(z.int(), z.minimum(0), z.maximum(365)),
  /** Points expire this many months after earning; `null` never. */
  expiryMonths: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(120))),
  /** Tiers by lifetime points, lowest first; the first threshold is 0. */
  tiers: z.array(LoyaltyTierSchema).check(z.minLength(1), z.maxLength(10)),
  /**
   * `true`: a tier above the first is kept while the points earned in the last 12 months reach its threshold
   * (and for a grace year after reaching it); `false`: tiers are kept for life.
   */
  tierRetention: z.boolean(),
  /** A stamp card: one stamp per purchase award, once its points are available; a full card earns `reward`. */
  stampCard: z.nullable(z.strictObject({ size: z.number().check(z.int(), z.minimum(2), z.maximum(20)), reward: Text(120) })),
  rewards: z.array(LoyaltyRewardSchema).check(z.maxLength(50)),
});
export type LoyaltyProgramInput = z.infer<typeof LoyaltyProgramInputSchema>;

/** The stored program. */
export const LoyaltyProgramSchema = z.object({
  ...LoyaltyProgramInputSchema.shape,
  version: z.number(),
  updatedAt: TimestampSchema,
});
export type LoyaltyProgram = z.infer<typeof LoyaltyProgramSchema>;

/** One ledger entry (admin view). `points` is signed. */
export const LedgerEntrySchema = z.object({
  id: IdSchema,
  type: z.enum(LEDGER_ENTRY_TYPES),
  points: z.number(),
  reason: z.string(),
  idempotencyKey: z.string(),
  createdAt: TimestampSchema,
  /** Spendable from then; later than `createdAt` while pending. */
  availableAt: TimestampSchema,
  expiresAt: z.nullable(TimestampSchema),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** Body of `POST /v1/admin/loyalty/awards`: a purchase (`amount` + `currency`), an action, or points. */
export const LoyaltyAwardSchema = z.strictObject({
  externalId: ExternalIdSchema,
  /** The order's id in the business's system: the idempotency key of the award. */
  orderId: Text(128),
  amount: z.optional(z.number().check(z.minimum(0), z.maximum(10_000_000))),
  currency: z.optional(Currency),
  action: z.optional(Slug),
  points: z.optional(PositivePoints),
  /** Shown to the customer ("Order #1042"). */
  reason: z.optional(Text(200)),
  /** A member's referral code the customer gave with this order: credits both (see `earn.referral`). */
  referralCode: z.optional(z.string().check(z.regex(/^[A-Za-z2-9]{8}$/, 'An 8-character referral code'))),
});
export type LoyaltyAward = z.infer<typeof LoyaltyAwardSchema>;

/** Body of `POST /v1/admin/loyalty/reversals`: undo an order's award (refund, cancellation). */
export const LoyaltyReversalSchema = z.strictObject({ orderId: Text(128), reason: Text(200) });
export type LoyaltyReversal = z.infer<typeof LoyaltyReversalSchema>;

/** Body of `POST /v1/admin/loyalty/adjustments`; `key` makes it idempotent. */
export const LoyaltyAdjustmentSchema = z.strictObject({
  externalId: ExternalIdSchema,
  key: Text(128),
  points: z.number().check(z.int(), z.minimum(-10_000_000), z.maximum(10_000_000)),
  reason: Text(200),
});
export type LoyaltyAdjustment = z.infer<typeof LoyaltyAdjustmentSchema>;

/** Answer of the ledger-writing admin routes. `clampedFrom` is set when a reversal was limited by the balance. */
export const LedgerWriteResultSchema = z.object({
  entry: LedgerEntrySchema,
  clampedFrom: z.nullable(z.number()),
});
export type LedgerWriteResult = z.infer<typeof LedgerWriteResultSchema>;

/** `GET /v1/admin/contacts/{externalId}/loyalty` and the answer of a scan. */
export const LoyaltyMemberSchema = z.object({
  externalId: z.string(),
  joinedAt: TimestampSchema,
  summary: LoyaltyAccountSummarySchema,
  ledger: z.array(LedgerEntrySchema),
});
export type LoyaltyMember = z.infer<typeof LoyaltyMemberSchema>;

/** Body of `POST /v1/admin/loyalty/scan`. */
export const MemberScanSchema = z.strictObject({ token: Text(512) });
