import * as z from 'zod/mini';
import { IdSchema, TimestampSchema } from './common.js';
import { PLACEMENTS, SURVEY_KINDS, SURVEY_STATUSES } from './constants.js';
import { FollowUpsSchema, Text, TriggerSchema, UrlRuleSchema } from './feedback.js';

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
export const SurveyUpdateSchema = z.partial(z.omit(SurveyCreateSchema, { kind: true }));
export type SurveyUpdate = z.infer<typeof SurveyUpdateSchema>;

/** Response of `GET /v1/admin/surveys`: every survey of the site, newest first. */
export const SurveyListSchema = z.object({
  items: z.array(SurveySchema),
});
export type SurveyList = z.infer<typeof SurveyListSchema>;
