import { RapportError } from '../errors/RapportError.js';
import type { OutboxListener } from '../feedback/createOutbox.js';
import type { TriggerEngine } from '../feedback/createTriggerEngine.js';
import type { FeedbackRuntime, FeedbackRuntimeDeps } from '../feedback/feedbackRuntime.js';
import { createOutboxStore } from '../feedback/outboxStorage.js';
import type { VisitorSurvey } from '../schemas/feedbackVisitor.js';
import type { FeedbackResource } from './FeedbackResource.js';

/**
 * Builds the `feedback` resource of a client; `destroy` stops its outbox. Only this thin layer is on the
 * first-render path: the outbox, validation, requests and trigger engine load lazily, as one chunk.
 */
export function createFeedbackResource(deps: FeedbackRuntimeDeps): FeedbackResource & { destroy(): void } {
  const store = createOutboxStore(deps.storage, deps.storageKey);
  const listeners = new Set<OutboxListener>();
  let loading: Promise<FeedbackRuntime> | undefined;
  let destroyed = false;
  // Another tab's answers count as pending here too (`key` null: the other tab cleared its storage).
  const onStorage = (event: Event) => {
    const { key } = event as StorageEvent;
    if (key === deps.storageKey || key === null) listeners.forEach((listener) => listener({ type: 'synced' }));
  };
  deps.onlineTarget?.addEventListener('storage', onStorage);

  const load = () =>
    (loading ??= import('../feedback/feedbackRuntime.js').then(
      ({ createFeedbackRuntime }) => {
        const runtime = createFeedbackRuntime(deps);
        runtime.subscribe((event) => listeners.forEach((listener) => listener(event)));
        if (destroyed) runtime.destroy();
        return runtime;
      },
      (cause: unknown) => {
        loading = undefined; // a later call tries again
        throw new RapportError('Could not load the feedback code', { code: 'network', cause });
      },
    ));

  return {
    submit: (answer, options) => load().then((runtime) => runtime.submit(answer, options)),
    recordEvent: (event, options) => load().then((runtime) => runtime.recordEvent(event, options)),
    markReplySeen: (id, input, options) => load().then((runtime) => runtime.markReplySeen(id, input, options)),
    show(surveyId) {
      deps.emitter.emit('show', { surveyId: surveyId ?? null });
    },
    watchTriggers(options) {
      let engine: TriggerEngine | undefined;
      let surveys: readonly VisitorSurvey[] | undefined;
      let stopped = false;
      load().then((runtime) => {
        if (stopped) return;
        engine = runtime.watchTriggers(options);
        if (surveys) engine.setSurveys(surveys);
      }, () => undefined);
      return {
        setSurveys(next) {
          surveys = next;
          engine?.setSurveys(next);
        },
        destroy() {
          stopped = true;
          engine?.destroy();
        },
      };
    },
    pending: store.read,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    flush: () => load().then((runtime) => runtime.flush(), () => undefined),
    destroy() {
      destroyed = true;
      listeners.clear();
      deps.onlineTarget?.removeEventListener('storage', onStorage);
      void loading?.then((runtime) => runtime.destroy(), () => undefined);
    },
  };
}
