// The feedback code that is not needed for the first render, loaded as one lazy chunk when the bootstrap says
// feedback is on (before a visitor can answer, so it is there even if the network drops later).
import type { Emitter } from '../client/createEmitter.js';
import { loadContract as schemas } from '../client/loadContract.js';
import type { RapportClientEvents } from '../client/RapportClientEvents.js';
import type { FeedbackResource, WatchTriggersOptions } from '../client/FeedbackResource.js';
import { API_PREFIX } from '../protocol.js';
import { createId } from '../transport/createId.js';
import type { Transport } from '../transport/createTransport.js';
import { createOutbox, type OutboxOptions } from './createOutbox.js';
import { createTriggerEngine, type TriggerEngine } from './createTriggerEngine.js';
import { validateAnswer } from './validateAnswer.js';

/** What the feedback runtime needs from the client. */
export interface FeedbackRuntimeDeps extends Omit<OutboxOptions, 'send'> {
  /** The client's transport (with its retries), for events and replies. */
  transport: Transport;
  /** A transport that does not retry: the outbox spaces its own attempts and answers `queued` at once. */
  sendOnce: Transport;
  emitter: Emitter<RapportClientEvents>;
  now: () => number;
}

/** The requests, outbox and trigger engines behind `client.feedback`. */
export type FeedbackRuntime = Pick<FeedbackResource, 'submit' | 'recordEvent' | 'markReplySeen' | 'subscribe' | 'flush'> & {
  /** A trigger engine following the client's events. */
  watchTriggers(options: WatchTriggersOptions): TriggerEngine;
  destroy(): void;
};

/** Builds the runtime of one client's `feedback` resource. */
export function createFeedbackRuntime(deps: FeedbackRuntimeDeps): FeedbackRuntime {
  const { transport, sendOnce, emitter, now } = deps;
  const outbox = createOutbox({
    ...deps,
    send: (submission) =>
      sendOnce({
        method: 'POST',
        path: `${API_PREFIX}/visitor/feedback/responses`,
        body: submission,
        schema: () => schemas().then((m) => m.VisitorResponseSchema),
        idempotencyKey: submission.id,
      }),
  });
  return {
    async submit(answer, { survey }) {
      validateAnswer(survey, answer);
      // The body is fixed before the first send: a retry with the same key must be the same request.
      return outbox.submit({ ...answer, id: createId('rsp_'), answeredAt: new Date(now()).toISOString() });
    },
    recordEvent({ surveyId, type, source }, options) {
      const id = createId('evt_');
      return transport({
        method: 'POST',
        path: `${API_PREFIX}/visitor/feedback/events`,
        body: { id, surveyId, type, source },
        schema: () => schemas().then((m) => m.PromptEventResultSchema),
        idempotencyKey: id,
        signal: options?.signal,
      });
    },
    markReplySeen(responseId, { acknowledged }, options) {
      return transport({
        method: 'POST',
        path: `${API_PREFIX}/visitor/feedback/replies/${encodeURIComponent(responseId)}/seen`,
        body: { acknowledged },
        schema: () => schemas().then((m) => m.LoopReplySchema),
        idempotencyKey: createId('idem_'),
        signal: options?.signal,
      });
    },
    watchTriggers: (options) => createTriggerEngine({ ...options, events: emitter }),
    subscribe: outbox.subscribe,
    flush: outbox.flush,
    destroy: outbox.destroy,
  };
}
