// Public types of the feedback hooks. The widget (`@rapport/widgets`) codes against this file: keep it stable.
import type { LoopReply, Placement, RapportError, ScoreBand, TriggerWindow, VisitorSurvey } from '@rapport/core';
import type { RapportQueryStatus } from '../RapportQueryStatus.js';

/** What {@link useFeedback} returns: the feedback slot of the bootstrap response (no extra request). */
export interface FeedbackResult {
  /** `loading` before the bootstrap answer, `error` when it failed, `ready` with data. */
  status: RapportQueryStatus;
  /** Why loading failed, or `null`. Switch on `error.code`. */
  error: RapportError | null;
  /** True when the site has the feedback widget switched on. `false` while loading. */
  enabled: boolean;
  /** Active surveys for this site, in priority order (newest first). Empty while loading or when off. */
  surveys: readonly VisitorSurvey[];
  /** Replies and resolutions the visitor has not seen yet ("close the loop"). */
  replies: readonly LoopReply[];
}

/**
 * Where the prompt stands:
 * - `rating`: the main question (the score; for a `text` survey, the text answer itself);
 * - `followUp`: the "why?" question of the score's band and, for a detractor, the contact request;
 * - `sending`: the answer is on its way;
 * - `thanks`: the server stored it; `queued`: kept in the browser, it will be sent when back online;
 * - `error`: it was refused (see `error`); the draft is kept so the visitor can fix it and try again.
 */
export type FeedbackPromptStep = 'rating' | 'followUp' | 'sending' | 'thanks' | 'queued' | 'error';

/** What opened the prompt: a survey trigger, "show now" from code, or the visitor's click on the feedback tab. */
export type FeedbackOpenSource = 'trigger' | 'code' | 'tab';

/** What the visitor said, echoed on the thank-you screen ("We heard: …"). */
export interface FeedbackEcho {
  /** The score given; `null` for a `text` survey. */
  score: number | null;
  /** The score's band; `null` for a `text` survey. */
  band: ScoreBand | null;
  /** The "why" text (or the `text` survey's answer), trimmed; `null` when left empty. */
  text: string | null;
  /** True when the visitor asked to be contacted. */
  contactRequested: boolean;
}

/** How a submission ended, as {@link FeedbackPromptState.settle} takes it. */
export type FeedbackOutcome =
  | { step: 'thanks' | 'queued'; sent: FeedbackEcho }
  | { step: 'error'; error: RapportError };

/** Options of {@link useFeedbackPromptState}. */
export interface FeedbackPromptStateOptions {
  /** The survey the prompt asks. Changing it starts a fresh draft. Default: `null` (nothing to ask yet). */
  survey?: VisitorSurvey | null;
  /** Whether the prompt is open, when the parent controls it. Default: `undefined` (uncontrolled). */
  open?: boolean;
  /** Whether the prompt starts open when uncontrolled. Default: `false`. */
  defaultOpen?: boolean;
  /** Called with the new value whenever the prompt opens or closes. Default: none. */
  onOpenChange?: (open: boolean) => void;
}

/** What {@link useFeedbackPromptState} returns: the prompt's UI state only (no requests). */
export interface FeedbackPromptState {
  /** The survey being asked, or `null`. */
  survey: VisitorSurvey | null;
  /** Whether the prompt is open. */
  open: boolean;
  /** Opens or closes the prompt. Reopening after an answer starts a fresh draft. */
  setOpen(open: boolean): void;
  /** Where the prompt stands. */
  step: FeedbackPromptStep;
  /** The chosen score; `null` until chosen (and always for a `text` survey). */
  score: number | null;
  /** The "why" text, or the answer of a `text` survey, as typed. */
  text: string;
  /** Whether the visitor asks to be contacted; always `false` when {@link canRequestContact} is false. */
  contactRequested: boolean;
  /** The band of the chosen score (`negative | neutral | positive`); `null` without a score. */
  band: ScoreBand | null;
  /** The follow-up question of the band, or `null` (none configured, no score yet, or a `text` survey). */
  followUpQuestion: string | null;
  /** True when the survey lets this band (negative) ask to be contacted. */
  canRequestContact: boolean;
  /** True when the score leads to a `followUp` step (a follow-up question or a contact request to offer). */
  hasFollowUp: boolean;
  /** Character limit of {@link text} (the survey's `textMaxLength`; 0 without a survey). */
  textMaxLength: number;
  /** True when the draft can be sent: a score (or, for `text`, a non-empty answer) and text within the limit. */
  canSubmit: boolean;
  /** What was sent, for the thank-you echo; `null` until a submission settles as `thanks` or `queued`. */
  sent: FeedbackEcho | null;
  /** Why the last submission was refused; `null` otherwise. */
  error: RapportError | null;
  /** Chooses a score (does not change step: arrow keys in a radio group call this on every move). */
  setScore(score: number | null): void;
  /** Changes the text. Not truncated: {@link canSubmit} turns false past the limit. */
  setText(text: string): void;
  /** Asks (or stops asking) to be contacted; ignored unless {@link canRequestContact}. */
  setContactRequested(value: boolean): void;
  /** From `rating` to `followUp` when {@link hasFollowUp} and a score is chosen; otherwise does nothing. */
  next(): void;
  /** Back to `rating` from `followUp`, or back to the editing step from `error`. */
  back(): void;
  /** Moves to `sending` (clears `error`). */
  beginSending(): void;
  /**
   * Ends a submission: `thanks` / `queued` with the echo, or `error`. Applies from `sending`, and from `queued`
   * (a kept answer delivered or refused later); ignored otherwise (the visitor has moved on).
   */
  settle(outcome: FeedbackOutcome): void;
  /** Forgets the draft and the outcome and returns to `rating` (leaves `open` alone). */
  reset(): void;
}

/** Options of {@link useFeedbackPrompt}. */
export interface FeedbackPromptOptions {
  /** Ask this survey only. Default: any survey (filtered by `placement` when given). */
  surveyId?: string;
  /** Ask only surveys with this placement (`inline`, `popover` or `tab`). Default: any placement. */
  placement?: Placement;
  /**
   * Let the survey's triggers (page view, time on page, scroll depth, exit intent, `client.track(name)`) and
   * `client.feedback.show()` open the prompt. Default: `true`. Pass `false` for a prompt opened only by
   * `openFrom('tab')` or by the parent.
   */
  triggers?: boolean;
  /** Whether the prompt is open, when the parent controls it. Default: `undefined` (uncontrolled). */
  open?: boolean;
  /**
   * Whether the prompt starts open when uncontrolled. Opening this way (or through `open`) records no
   * display; use `openFrom('code')` to let the server's recontact rules decide. Default: `false`.
   */
  defaultOpen?: boolean;
  /** Called with the new value whenever the prompt opens or closes. Default: none. */
  onOpenChange?: (open: boolean) => void;
  /**
   * The window the triggers watch (location, scrolling, the pointer leaving, `popstate`) and whose URL is sent
   * with an answer. `null` watches no page (only `client.track` and `client.feedback.show` open it). Default:
   * the global `window` (none during server rendering).
   */
  window?: FeedbackWindow | null;
}

/** The parts of `window` the feedback prompt uses (core's `TriggerWindow`); the real `window` fits. Tests pass a fake. */
export type FeedbackWindow = TriggerWindow;

/** What {@link useFeedbackPrompt} returns: the UI state plus the actions that talk to the server. */
export interface FeedbackPromptResult extends Omit<FeedbackPromptState, 'next'> {
  /** Loading state of the bootstrap the surveys come from. */
  status: RapportQueryStatus;
  /** What opened the prompt last, or `null` when it was opened by the parent (`open`/`defaultOpen`). */
  openedFrom: FeedbackOpenSource | null;
  /**
   * Opens the prompt on the visitor's or the page's request and records the display. `tab` always opens (at
   * once); `code` opens only if the server's recontact and sampling rules accept the display. Resolves whether
   * the prompt opened.
   */
  openFrom(source: 'tab' | 'code'): Promise<boolean>;
  /** Closes the prompt and records a dismissal (not after an answer: closing the thank-you is no dismissal). */
  dismiss(): void;
  /**
   * Moves on: from `rating` to `followUp` when {@link FeedbackPromptState.hasFollowUp}, otherwise submits (when
   * {@link FeedbackPromptState.canSubmit}).
   */
  next(): void;
  /**
   * Sends the draft through the offline outbox: `thanks` when the server stored it, `queued` when it is kept
   * in the browser until the network is back (it turns to `thanks` once delivered), `error` when refused.
   */
  submit(): Promise<void>;
  /** Answers saved in this browser and not delivered yet (all surveys, all tabs). */
  pendingCount: number;
}

/** What {@link useLoopReplies} returns. */
export interface LoopRepliesResult {
  /**
   * Replies to show: those not yet seen, plus those this component marked seen and the visitor has not
   * acknowledged (so a reply stays on screen after `markSeen`, and is not shown again elsewhere).
   */
  replies: readonly LoopReply[];
  /**
   * Records that the reply was shown (call it once it is on screen; repeated calls send nothing). Other
   * components stop listing it at once. Never rejects: a failure puts the reply back and sets `error`.
   */
  markSeen(responseId: string): Promise<void>;
  /** Records "Got it": the reply goes away at once. Never rejects: a failure brings it back and sets `error`. */
  acknowledge(responseId: string): Promise<void>;
  /** Why the last `markSeen`/`acknowledge` failed, or `null`. */
  error: RapportError | null;
}
