import type { BootstrapResponse, LoopReply, RapportError } from '@rapport/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import { bootstrapQueryKey } from '../bootstrapQueryOptions.js';
import { toRapportError } from '../toRapportError.js';
import { useBootstrapQuery } from '../useBootstrapQuery.js';
import { useOptimisticMutation } from '../useOptimisticMutation.js';
import { feedbackSlot, withoutReply } from './feedbackSlot.js';
import type { LoopRepliesResult } from './types.js';

interface SeenInput {
  responseId: string;
  acknowledged: boolean;
}

/**
 * "Close the loop": the business's replies to the visitor's answers, from the bootstrap, each shown once.
 * Marking a reply seen or acknowledged removes it from the shared cache at once (so no other component shows it
 * again) and puts it back if the server refuses; this component keeps showing a reply it marked seen until the
 * visitor acknowledges it.
 */
export function useLoopReplies(): LoopRepliesResult {
  const bootstrap = useBootstrapQuery('useLoopReplies');
  const { client } = bootstrap.context;
  const cached = feedbackSlot(bootstrap.data).replies;
  const [held, setHeld] = useState<readonly LoopReply[]>([]);
  const [error, setError] = useState<RapportError | null>(null);
  const marked = useRef(new Set<string>());

  const { mutate } = useOptimisticMutation<BootstrapResponse, SeenInput, LoopReply>({
    context: bootstrap.context,
    queryKey: bootstrapQueryKey(client),
    mutationFn: ({ responseId, acknowledged }) => client.feedback.markReplySeen(responseId, { acknowledged }),
    optimistic: (cache, { responseId }) => withoutReply(cache, responseId),
    settle: (cache, _reply, { responseId }) => withoutReply(cache, responseId),
  });

  const send = useCallback(
    async (input: SeenInput, undo: () => void) => {
      setError(null);
      try {
        await mutate(input);
      } catch (failure) {
        undo();
        setError(toRapportError(failure));
      }
    },
    [mutate],
  );

  const markSeen = useCallback(
    async (responseId: string) => {
      const reply = cached.find((r) => r.responseId === responseId);
      if (!reply || marked.current.has(responseId)) return;
      marked.current.add(responseId);
      setHeld((list) => [...list, reply]);
      await send({ responseId, acknowledged: false }, () => {
        marked.current.delete(responseId);
        setHeld((list) => list.filter((r) => r.responseId !== responseId));
      });
    },
    [cached, send],
  );

  const acknowledge = useCallback(
    async (responseId: string) => {
      const reply = held.find((r) => r.responseId === responseId);
      marked.current.add(responseId);
      setHeld((list) => list.filter((r) => r.responseId !== responseId));
      await send({ responseId, acknowledged: true }, () => {
        // Shown again: from the cache the rollback restored, or from here when it had been marked seen.
        if (reply) setHeld((list) => [...list, reply]);
        else marked.current.delete(responseId);
      });
    },
    [held, send],
  );

  const replies = useMemo(() => {
    const ids = new Set(held.map((r) => r.responseId));
    return [...held, ...cached.filter((r) => !ids.has(r.responseId))];
  }, [held, cached]);

  return { replies, markSeen, acknowledge, error };
}
