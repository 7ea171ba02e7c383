import * as z from 'zod/mini';
import { IdSchema, TimestampSchema } from './common.js';

/** Question kinds: Net Promoter Score 0–10, satisfaction 1–5, customer effort 1–7, thumbs 0/1, or free text. */
export const SURVEY_KINDS = ['nps', 'csat', 'ces', 'thumbs', 'text'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** Inclusive score range of each kind; `text` has no score. */
export const SCORE_RANGES: Record<Exclude<SurveyKind, 'text'>, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  thumbs: { min: 0, max: 1 },
};

/** Where a score falls: detractor/passive/promoter for NPS, and the same three bands for the other kinds. */
export const SCORE_BANDS = ['negative', 'neutral', 'positive'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** The band of a score: NPS 0–6/7–8/9–10, CSAT 1–2/3/4–5, CES 1–3/4/5–7, thumbs down/up; `null` for text. */
export function scoreBand(kind: SurveyKind, score: number | null): ScoreBand | null {
  if (kind === 'text' || score === null) return null;
  const bands: Record<typeof kind, readonly [number, number]> = { nps: [6, 8], csat: [2, 3], ces: [3, 4], thumbs: [0, 0] };
  const [negativeMax, neutralMax] = bands[kind];
  if (score <= negativeMax) return 'negative';
  if (score <= neutralMax) return 'neutral';
  return 'positive';
}

/** How a URL rule compares the page URL (path + query). */
export const URL_MATCHES = ['exact', 'contains', 'startsWith', 'regex'] as const;

/** Limits a survey to pages whose URL matches. */
export const UrlRuleSchema = z.object({
  match: z.enum(URL_MATCHES),
  value: z.string().check(z.minLength(1), z.maxLength(500)),
});
export type UrlRule = z.infer<typeof UrlRuleSchema>;

/** What makes the prompt appear; any one of a survey's triggers fires it. Evaluated in the browser. */
export const TriggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pageview') }),
  z.object({ type: z.literal('timeOnPage'), seconds: z.number().check(z.int(), z.minimum(1), z.maximum(3600)) }),
  z.object({ type: z.literal('scrollDepth'), percent: z.number().check(z.int(), z.minimum(1), z.maximum(100)) }),
  z.object({ type: z.literal('exitIntent') }),
  z.object({ type: z.literal('event'), name: z.string().check(z.minLength(1), z.maxLength(100)) }),
]);
export type Trigger = z.infer<typeof TriggerSchema>;

/** Survey lifecycle: only `active` surveys inside their window are shown or accept responses. */
export const SURVEY_STATUSES = ['draft', 'active', 'closed'] as const;

/** Where the prompt renders: where the component is, a corner popover, or behind a persistent tab. */
export const PLACEMENTS = ['inline', 'popover', 'tab'] as const;
export type Placement = (typeof PLACEMENTS)[number];

const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** The follow-up ("why?") question per score band; a missing band asks no follow-up. */
export const FollowUpsSchema = z.object({
  negative: z.optional(Text(300)),
  neutral: z.optional(Text(300)),
  positive: z.optional(Text(300)),
});

/** When a visitor may be asked again (enforced by the server from displays, dismissals and responses). */
export const RecontactSchema = z.object({
  /** Days after a display, dismissal or response of this survey before it may show again. */
  cooldownDays: z.number().check(z.int(), z.minimum(0), z.maximum(3650)),
  /** Most times this survey is ever shown to one visitor. */
  maxDisplays: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
  /** Never show again once the visitor has answered. */
  stopAfterResponse: z.boolean(),
});
export type Recontact = z.infer<typeof RecontactSchema>;

const surveyFields = {
  /** Internal name, shown in the console only. */
  name: Text(120),
  kind: z.enum(SURVEY_KINDS),
  /** The question as the visitor reads it. */
  question: Text(300),
  followUps: FollowUpsSchema,
  /** Character limit of the "why" answer (and of a `text` survey's answer). */
  textMaxLength: z.number().check(z.int(), z.minimum(1), z.maximum(2000)),
  /** Message on the thank-you screen, shown above the echo of what the visitor said. */
  thankYou: Text(300),
  placement: z.enum(PLACEMENTS),
  /** Any one of these fires the prompt. Empty: only "show now" from code or the feedback tab. */
  triggers: z.array(TriggerSchema).check(z.maxLength(10)),
  /** Pages the survey may show on (any rule matching); empty for every page. */
  urlRules: z.array(UrlRuleSchema).check(z.maxLength(20)),
  /** Share of visitors (0–100 %) who are ever asked; deterministic per visitor. */
  samplePercent: z.number().check(z.minimum(0), z.maximum(100)),
  recontact: RecontactSchema,
  /** Lets a visitor who scored in the negative band ask to be contacted. */
  allowContactRequest: z.boolean(),
  /** First moment the survey may show; `null` for no start. */
  startsAt: z.nullable(TimestampSchema),
  /** Moment the survey closes; `null` for open-ended. */
  endsAt: z.nullable(TimestampSchema),
};

/** A survey as the business defines it. */
export const SurveySchema = z.object({
  id: IdSchema,
  status: z.enum(SURVEY_STATUSES),
  ...surveyFields,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Survey = z.infer<typeof SurveySchema>;

/** Body of `POST /v1/admin/surveys`; omitted fields take the documented defaults. */
export const SurveyCreateSchema = z.strictObject({
  name: surveyFields.name,
  kind: surveyFields.kind,
  question: surveyFields.question,
  status: z.optional(z.enum(SURVEY_STATUSES)),
  followUps: z.optional(z.strictObject(FollowUpsSchema.shape)),
  textMaxLength: z.optional(surveyFields.textMaxLength),
  thankYou: z.optional(surveyFields.thankYou),
  placement: z.optional(surveyFields.placement),
  triggers: z.optional(surveyFields.triggers),
  urlRules: z.optional(surveyFields.urlRules),
  samplePercent: z.optional(surveyFields.samplePercent),
  recontact: z.optional(z.strictObject(RecontactSchema.shape)),
  allowContactRequest: z.optional(surveyFields.allowContactRequest),
  startsAt: z.optional(surveyFields.startsAt),
  endsAt: z.optional(surveyFields.endsAt),
});
export type SurveyCreate = z.infer<typeof SurveyCreateSchema>;

/** Body of `PATCH /v1/admin/surveys/{id}`: any field of a survey except its kind. */
export const SurveyUpdateSchema = z.strictObject({
  name: z.optional(surveyFields.name),
  question: z.optional(surveyFields.question),
  status: z.optional(z.enum(SURVEY_STATUSES)),
  followUps: z.optional(z.strictObject(FollowUpsSchema.shape)),
  textMaxLength: z.optional(surveyFields.textMaxLength),
  thankYou: z.optional(surveyFields.thankYou),
  placement: z.optional(surveyFields.placement),
  triggers: z.optional(surveyFields.triggers),
  urlRules: z.optional(surveyFields.urlRules),
  samplePercent: z.optional(surveyFields.samplePercent),
  recontact: z.optional(z.strictObject(RecontactSchema.shape)),
  allowContactRequest: z.optional(surveyFields.allowContactRequest),
  startsAt: z.optional(surveyFields.startsAt),
  endsAt: z.optional(surveyFields.endsAt),
});
export type SurveyUpdate = z.infer<typeof SurveyUpdateSchema>;
