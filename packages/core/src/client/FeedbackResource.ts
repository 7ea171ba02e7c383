// The feedback resource's public types, apart from the code that builds it: the lazily loaded runtime
// implements part of this interface, and importing it from createFeedbackResource.ts made an import cycle.
import type { OutboxListener, OutboxSubmitResult } from '../feedback/createOutbox.js';
import type { TriggerEngine, TriggerEngineOptions } from '../feedback/createTriggerEngine.js';
import type { FeedbackAnswer } from '../feedback/validateAnswer.js';
import type {
  LoopReply,
  PromptEvent,
  PromptEventResult,
  ResponseSubmit,
  VisitorSurvey,
} from '../schemas/feedbackVisitor.js';
import type { CallOptions } from './createVisitorResource.js';

/** Options of {@link FeedbackResource.submit}. */
export interface SubmitOptions {
  /** The survey answered (from the bootstrap): the answer is checked against its kind and limits. Required. */
  survey: VisitorSurvey;
}

/** A prompt event to record; the client adds the `id` (its idempotency key). */
export type PromptEventInput = Omit<PromptEvent, 'id'>;

/** What the visitor asked to be recorded about a reply. */
export interface ReplySeenInput {
  /** `true` when the visitor pressed "Got it"; `false` when the reply was only shown. */
  acknowledged: boolean;
}

/** Options of {@link FeedbackResource.watchTriggers}: the engine's, bound to this client's events. */
export type WatchTriggersOptions = Omit<TriggerEngineOptions, 'events'>;

/** A running trigger engine of a client: page views, custom events and "show now" go through the client. */
export type TriggerWatch = Pick<TriggerEngine, 'setSurveys' | 'destroy'>;

/** The feedback widget's calls, and its offline outbox. */
export interface FeedbackResource {
  /**
   * Checks `answer` against `options.survey` (rejects with code `validation`, nothing stored or sent), gives it
   * an id and the answer time, stores it, then sends it (`POST /v1/visitor/feedback/responses`). Resolves
   * `sent` with the server's response, or `queued` when the network or server is down: it is then delivered
   * later, exactly once. Rejects with the server's error when it refuses the answer (nothing is kept).
   */
  submit(answer: FeedbackAnswer, options: SubmitOptions): Promise<OutboxSubmitResult>;
  /** Records that a prompt was displayed or dismissed (`POST /v1/visitor/feedback/events`); a display may be refused. */
  recordEvent(event: PromptEventInput, options?: CallOptions): Promise<PromptEventResult>;
  /**
   * Records that a reply was shown or acknowledged (`POST /v1/visitor/feedback/replies/{responseId}/seen`); the
   * next bootstrap no longer lists it. Resolves with the reply as now stored.
   */
  markReplySeen(responseId: string, input: ReplySeenInput, options?: CallOptions): Promise<LoopReply>;
  /** "Show now": asks the mounted prompts to open this survey, or the first eligible one for the page. */
  show(surveyId?: string): void;
  /**
   * Starts a trigger engine following this client's `track`, `feedback.show` and `pageview` (see
   * `TriggerEngine`). Returned at once; the engine's code loads lazily and takes the surveys given meanwhile.
   */
  watchTriggers(options: WatchTriggersOptions): TriggerWatch;
  /** Answers stored in this browser and not delivered yet (every tab), oldest first. */
  pending(): readonly ResponseSubmit[];
  /** Hears every change of the outbox (added, sent, kept for a retry, failed, changed by another tab); returns the unsubscribe function. */
  subscribe(listener: OutboxListener): () => void;
  /** Loads the outbox if needed and tries to deliver every stored answer now. Never rejects. */
  flush(): Promise<void>;
}
