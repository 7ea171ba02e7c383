import type { RapportClient, VisitorResponse } from '@rapport/core';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { FeedbackEcho, FeedbackOutcome } from './types.js';

/** The thank-you echo of what the server stored. */
export function echoOf(response: VisitorResponse): FeedbackEcho {
  const { score, band, text, contactRequested } = response;
  return { score, band, text, contactRequested };
}

/**
 * How many answers wait in the outbox, and the later fate of the answer this prompt left `queued` (delivered:
 * `thanks`; refused: `error`), passed to `settle`. Internal to `useFeedbackPrompt`.
 */
export function useOutboxStatus(client: RapportClient, settle: (outcome: FeedbackOutcome) => void) {
  const queuedId = useRef<string | null>(null);
  const settleRef = useRef(settle);
  useEffect(() => {
    settleRef.current = settle;
  });
  useEffect(
    () =>
      client.feedback.subscribe((event) => {
        if (event.type === 'sent' && event.submission.id === queuedId.current) {
          settleRef.current({ step: 'thanks', sent: echoOf(event.response) });
        } else if (event.type === 'failed' && event.submission.id === queuedId.current) {
          settleRef.current({ step: 'error', error: event.error });
        } else return;
        queuedId.current = null;
      }),
    [client],
  );
  const pendingCount = useSyncExternalStore(
    client.feedback.subscribe,
    () => client.feedback.pending().length,
    () => 0,
  );
  /** Follows the answer with this id, left `queued`. */
  const watchQueued = useCallback((id: string) => {
    queuedId.current = id;
  }, []);
  return { pendingCount, watchQueued };
}
