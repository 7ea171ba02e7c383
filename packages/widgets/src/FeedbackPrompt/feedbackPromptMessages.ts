import type { RapportError } from '@rapport/core';
import { resolveMessages } from '../internal/resolveMessages.js';
import { loadErrorText } from '../internal/setupRefusal.js';

/**
 * Every string a visitor reads in {@link FeedbackPrompt}. Pass any subset as `messages` to replace them.
 * Numbers and dates arrive already formatted with `Intl` for the prompt's locale.
 * The survey's own wording (question, follow-ups, thank-you) comes from the business, not from here.
 */
export interface FeedbackPromptMessages {
  /** The persistent tab's label. Default: `'Feedback'`. */
  tab: string;
  /** Accessible name of the close (×) button. Default: `'Close feedback'`. */
  dismiss: string;
  /** The submit button. Default: `'Send'`. */
  submit: string;
  /** The submit button when a follow-up question comes next. Default: `'Next'`. */
  next: string;
  /** The submit button while sending. Default: `'Sending…'`. */
  submitting: string;
  /** Read by screen readers while the survey loads. Default: `'Loading feedback…'`. */
  loading: string;
  /**
   * The survey could not be loaded. Default: a network-specific sentence;
   * `'This widget isn’t set up for this site yet.'` when the server refuses the page's origin or key
   * (`origin_not_allowed`, `unknown_publishable_key`); otherwise `'We couldn’t load this survey.'`.
   */
  loadError: (error: RapportError) => string;
  /**
   * The answer was refused. Default: `'We couldn’t send your answer. Please try again.'`, or a sentence saying
   * the survey has closed for `code: 'survey_closed'`.
   */
  submitError: (error: RapportError) => string;
  /** Shown when Send is pressed without a score. Default: `'Choose a score first.'`. */
  scoreRequired: string;
  /** Shown when Send is pressed on an empty text survey. Default: `'Write your answer first.'`. */
  textRequired: string;
  /** The retry button. Default: `'Retry'`. */
  retry: string;
  /** NPS end captions. Default: `'Not at all likely'` (0). */
  npsLow: string;
  /** Default: `'Extremely likely'` (10). */
  npsHigh: string;
  /** CES end captions. Default: `'Very difficult'` (1). */
  cesLow: string;
  /** Default: `'Very easy'` (7). */
  cesHigh: string;
  /**
   * CSAT option captions, for scores 1–5. Default:
   * `['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied']`.
   */
  csat: readonly [string, string, string, string, string];
  /** Thumbs up (score 1). Default: `'Yes'`. */
  thumbsUp: string;
  /** Thumbs down (score 0). Default: `'No'`. */
  thumbsDown: string;
  /** Accessible name of a captioned option. Default: `(score, caption) => \`${score} — ${caption}\``. */
  option: (score: string, caption: string) => string;
  /** A score as the visitor reads it back. Default: `(score, max) => \`${score} out of ${max}\``. */
  scoreOutOf: (score: string, max: string) => string;
  /** Characters left in the answer box. Default: `(left) => \`${left} characters left\``. */
  charactersLeft: (left: string) => string;
  /** The contact request checkbox. Default: `'I’d like someone to contact me about this'`. */
  contactRequest: string;
  /**
   * What the visitor said, from their score (already worded, e.g. "9 out of 10") and text (either may be
   * `null`). Default: the two joined by " — ", the text in curly quotes: `9 out of 10 — “Fast delivery”`.
   */
  said: (score: string | null, text: string | null) => string;
  /** Echo of the answer on the thank-you screen. Default: `(said) => \`We heard: ${said}\``. */
  heard: (said: string) => string;
  /** The answer was kept offline. Default: `'Saved — we’ll send it when you’re back online'`. */
  queued: string;
  /** A reply to an earlier answer. Default: `(said, reply) => \`You told us ${said} — ${reply}\``. */
  toldUs: (said: string, reply: string) => string;
  /** What stands in for the reply when the business only marked it resolved. Default: `'we’ve resolved it.'`. */
  resolved: string;
  /** The date line of a reply. Default: `(date) => \`Replied on ${date}\``. */
  repliedOn: (date: string) => string;
  /** Acknowledges a reply. Default: `'Got it'`. */
  acknowledge: string;
}

/** The English defaults of {@link FeedbackPromptMessages}. */
export const defaultFeedbackPromptMessages: FeedbackPromptMessages = {
  tab: 'Feedback',
  dismiss: 'Close feedback',
  submit: 'Send',
  next: 'Next',
  submitting: 'Sending…',
  loading: 'Loading feedback…',
  loadError: (error) => loadErrorText(error, 'We couldn’t load this survey.'),
  submitError: (error) =>
    error.code === 'survey_closed'
      ? 'This survey has closed. Thank you all the same.'
      : 'We couldn’t send your answer. Please try again.',
  scoreRequired: 'Choose a score first.',
  textRequired: 'Write your answer first.',
  retry: 'Retry',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  cesLow: 'Very difficult',
  cesHigh: 'Very easy',
  csat: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  thumbsUp: 'Yes',
  thumbsDown: 'No',
  option: (score, caption) => `${score} — ${caption}`,
  scoreOutOf: (score, max) => `${score} out of ${max}`,
  charactersLeft: (left) => `${left} characters left`,
  contactRequest: 'I’d like someone to contact me about this',
  said: (score, text) => [score, text === null ? null : `“${text}”`].filter(Boolean).join(' — '),
  heard: (said) => `We heard: ${said}`,
  queued: 'Saved — we’ll send it when you’re back online',
  toldUs: (said, reply) => `You told us ${said} — ${reply}`,
  resolved: 'we’ve resolved it.',
  repliedOn: (date) => `Replied on ${date}`,
  acknowledge: 'Got it',
};

/** Merges overrides over the defaults; in development, warns about unknown keys and empty labels. */
export function resolveFeedbackPromptMessages(overrides?: Partial<FeedbackPromptMessages>): FeedbackPromptMessages {
  return resolveMessages('FeedbackPrompt', defaultFeedbackPromptMessages, overrides);
}
