import type { Recontact } from '@rapport/core';

/** What one visitor did with one survey, as recorded by the server. */
export interface SurveyActivity {
  /** Displays recorded (from a trigger, code or the feedback tab). */
  displays: number;
  /** Responses recorded. */
  responses: number;
  /** The latest display, or `null`. */
  lastDisplayAt: Date | null;
  /** The latest dismissal, or `null`. */
  lastDismissAt: Date | null;
  /** When the latest response was answered, or `null`. */
  lastResponseAt: Date | null;
}

/** One visitor's recorded feedback history, across every survey of the site. */
export interface FeedbackHistory {
  /** Activity per survey id; a survey missing here has none. */
  surveys: ReadonlyMap<string, SurveyActivity>;
  /** The latest display of any survey, or `null`. */
  lastDisplayAt: Date | null;
}

/** The survey being asked about, as it applies to this visitor. */
export interface EligibilitySurvey {
  /** The survey's id. */
  id: string;
  /** The survey's recontact rules. */
  recontact: Recontact;
  /** Whether this visitor falls inside the survey's sample (see `isSampledIn`). */
  sampledIn: boolean;
}

/** Site-wide rules. */
export interface EligibilitySettings {
  /** Days after any display of any survey before a trigger may show another prompt. */
  globalCooldownDays: number;
}

/** Why a trigger may not open the prompt now. */
export type IneligibleReason = 'not_sampled' | 'responded' | 'max_displays' | 'cooldown' | 'global_cooldown';

/** Outcome of {@link evaluateEligibility}. */
export type Eligibility = { eligible: true; reason: null } | { eligible: false; reason: IneligibleReason };

const DAY_MS = 86_400_000;

/** An empty history: a visitor who has never seen a prompt. */
export const EMPTY_HISTORY: FeedbackHistory = { surveys: new Map(), lastDisplayAt: null };

function latest(...dates: (Date | null)[]): Date | null {
  let found: Date | null = null;
  for (const date of dates) if (date && (!found || date.getTime() > found.getTime())) found = date;
  return found;
}

function within(since: Date | null, days: number, now: Date): boolean {
  return since !== null && days > 0 && now.getTime() < since.getTime() + days * DAY_MS;
}

/**
 * Whether a trigger (or "show now" from code) may open `survey` for this visitor at `now`. Checked in this
 * order: the visitor's sample; "stop after a response"; the cap on displays; the survey's cooldown after its
 * last display, dismissal or response; the site's cooldown after any display of any survey. Pure: the
 * history comes from the recorded events and responses.
 */
export function evaluateEligibility(
  history: FeedbackHistory,
  survey: EligibilitySurvey,
  settings: EligibilitySettings,
  now: Date,
): Eligibility {
  if (!survey.sampledIn) return { eligible: false, reason: 'not_sampled' };
  const activity = history.surveys.get(survey.id);
  const { recontact } = survey;
  if (activity) {
    if (recontact.stopAfterResponse && activity.responses > 0) return { eligible: false, reason: 'responded' };
    if (activity.displays >= recontact.maxDisplays) return { eligible: false, reason: 'max_displays' };
    const last = latest(activity.lastDisplayAt, activity.lastDismissAt, activity.lastResponseAt);
    if (within(last, recontact.cooldownDays, now)) return { eligible: false, reason: 'cooldown' };
  }
  if (within(history.lastDisplayAt, settings.globalCooldownDays, now)) return { eligible: false, reason: 'global_cooldown' };
  return { eligible: true, reason: null };
}

/**
 * The instants (epoch ms) at which time alone may change {@link evaluateEligibility}'s answer for `survey`: the end of
 * its cooldown after each recorded display, dismissal and response, and of the site's cooldown after the latest
 * display. Some may be past; the caller keeps the future ones.
 */
export function eligibilityChanges(history: FeedbackHistory, survey: Pick<EligibilitySurvey, 'id' | 'recontact'>, settings: EligibilitySettings): number[] {
  const activity = history.surveys.get(survey.id);
  const ends = [activity?.lastDisplayAt, activity?.lastDismissAt, activity?.lastResponseAt].flatMap((at) =>
    at ? [at.getTime() + survey.recontact.cooldownDays * DAY_MS] : [],
  );
  if (history.lastDisplayAt) ends.push(history.lastDisplayAt.getTime() + settings.globalCooldownDays * DAY_MS);
  return ends;
}
