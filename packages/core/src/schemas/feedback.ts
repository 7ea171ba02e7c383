import * as z from 'zod/mini';
import { URL_MATCHES } from './constants.js';

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

/** A non-empty string of at most `max` characters. */
export const Text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** The follow-up ("why?") question per score band; a missing band asks no follow-up. */
export const FollowUpsSchema = z.object({
  negative: z.optional(Text(300)),
  neutral: z.optional(Text(300)),
  positive: z.optional(Text(300)),
});

