import * as z from 'zod/mini';
import { ExternalIdSchema, IdSchema, StaffIdSchema, TimestampSchema, pageOf } from './common.js';
import { RESPONSE_STATUSES, SCORE_BANDS, SURVEY_KINDS } from './constants.js';

/** A response as the business sees it. */
export const FeedbackResponseSchema = z.object({
  id: IdSchema,
  surveyId: IdSchema,
  contactId: IdSchema,
  /** The contact's external id, `null` for an anonymous visitor. */
  externalId: z.nullable(ExternalIdSchema),
  kind: z.enum(SURVEY_KINDS),
  score: z.nullable(z.number()),
  band: z.nullable(z.enum(SCORE_BANDS)),
  text: z.nullable(z.string()),
  contactRequested: z.boolean(),
  pageUrl: z.nullable(z.string()),
  status: z.enum(RESPONSE_STATUSES),
  /** Public reply shown to the visitor. */
  reply: z.nullable(z.string()),
  repliedAt: z.nullable(TimestampSchema),
  /** The staff member who sent the first reply, when the reply named one (`staffId` of the update). */
  repliedBy: z.optional(StaffIdSchema),
  /** When the visitor saw the reply or resolution. */
  replySeenAt: z.nullable(TimestampSchema),
  /** When the visitor pressed "Got it" on it. */
  replyAcknowledgedAt: z.nullable(TimestampSchema),
  answeredAt: TimestampSchema,
  receivedAt: TimestampSchema,
});
export type FeedbackResponse = z.infer<typeof FeedbackResponseSchema>;

/** A page of responses, newest first. */
export const FeedbackResponsePageSchema = pageOf(FeedbackResponseSchema);

const Flag = z.enum(['true', 'false']);

/** Query of `GET /v1/admin/feedback/responses`. */
export const FeedbackResponseQuerySchema = z.strictObject({
  surveyId: z.optional(IdSchema),
  status: z.optional(z.enum(RESPONSE_STATUSES)),
  band: z.optional(z.enum(SCORE_BANDS)),
  contactRequested: z.optional(Flag),
  /** Responses answered at or after this time. */
  from: z.optional(TimestampSchema),
  /** Responses answered before this time. */
  to: z.optional(TimestampSchema),
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9][0-9]|100)$/, 'A whole number from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

/** Query of `GET /v1/admin/feedback/contact-requests`: open requests to be contacted, newest first. */
export const FeedbackContactRequestQuerySchema = z.strictObject({
  surveyId: z.optional(IdSchema),
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9][0-9]|100)$/, 'A whole number from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

/** Body of `PATCH /v1/admin/feedback/responses/{id}`: reply publicly, change status, or both. */
export const FeedbackResponseUpdateSchema = z.strictObject({
  status: z.optional(z.enum(RESPONSE_STATUSES)),
  /** Public reply the visitor sees next time ("we fixed it on 3 May"). */
  reply: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  /**
   * The staff member sending `reply`. Their reply counts as a first touch (the contact gets them as owner when
   * it has none and they are in) and as a sample of their measured response time. Default: none (the business).
   */
  staffId: z.optional(StaffIdSchema),
});
export type FeedbackResponseUpdate = z.infer<typeof FeedbackResponseUpdateSchema>;

/** One week of results (weeks start on Monday, UTC). */
export const WeeklyResultSchema = z.object({
  weekStart: z.iso.date(),
  displays: z.number(),
  responses: z.number(),
  /** The kind's headline figure for the week, `null` with no scored responses. */
  score: z.nullable(z.number()),
});

/** Results of one survey over a period. */
export const SurveyResultsSchema = z.object({
  surveyId: IdSchema,
  kind: z.enum(SURVEY_KINDS),
  displays: z.number(),
  responses: z.number(),
  /** responses / displays, 0–1; `null` with no displays. */
  responseRate: z.nullable(z.number()),
  /** (promoters − detractors) / scored responses × 100, for NPS. */
  nps: z.nullable(z.number()),
  /** Share of 4–5 answers, 0–100, for CSAT. */
  csatPercent: z.nullable(z.number()),
  /** Average effort score 1–7, for CES. */
  cesAverage: z.nullable(z.number()),
  /** Share of thumbs up, 0–100. */
  thumbsUpPercent: z.nullable(z.number()),
  /** Counts per band. */
  bands: z.object({ negative: z.number(), neutral: z.number(), positive: z.number() }),
  weekly: z.array(WeeklyResultSchema),
});
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;

/** Query of `GET /v1/admin/surveys/{id}/results`. */
export const SurveyResultsQuerySchema = z.strictObject({
  from: z.optional(TimestampSchema),
  to: z.optional(TimestampSchema),
});

/** Site-wide feedback settings. */
export const FeedbackSettingsSchema = z.strictObject({
  /** Days after any prompt was shown to a visitor before another survey may show. */
  globalCooldownDays: z.number().check(z.int(), z.minimum(0), z.maximum(365)),
});
export type FeedbackSettings = z.infer<typeof FeedbackSettingsSchema>;
