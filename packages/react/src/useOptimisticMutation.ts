import type { RapportError } from '@rapport/core';
import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { RapportContextValue } from './RapportContext.js';
import { toRapportError } from './toRapportError.js';

/** Options of {@link useOptimisticMutation}. Internal: widget hooks build their actions on it. */
export interface OptimisticMutationOptions<TCache, TInput, TResult> {
  /** The provider context (from `useRapportContext` / `useBootstrapQuery`). */
  context: RapportContextValue;
  /** The cache entry the write changes. */
  queryKey: readonly unknown[];
  /** Performs the write on the server. */
  mutationFn: (input: TInput) => Promise<TResult>;
  /** The cache as the visitor should see it at once, before the server answers. Must not mutate `cache`. */
  optimistic: (cache: TCache, input: TInput) => TCache;
  /** The cache once the server has answered (usually: take the server's version). Must not mutate `cache`. */
  settle: (cache: TCache, result: TResult, input: TInput) => TCache;
  /**
   * Runs the writes one at a time, in call order, and keeps the cache in step with them (see
   * `rebaseQueue.ts`). Default: none: writes run at once and a refusal restores a snapshot.
   */
  queue?: MutationQueue<TInput, TResult>;
}

/**
 * Serial writes over one cache entry: `add` applies a write optimistically when it is made; `done` takes it
 * out with the server's answer (`undefined` when refused) and recomputes the entry.
 */
export interface MutationQueue<TInput, TResult> {
  /** TanStack runs the mutations of one scope one at a time, in order. */
  readonly scope: string;
  add(input: TInput): Promise<unknown>;
  done(ticket: unknown, input: TInput, result?: { value: TResult }): void;
}

/** What {@link useOptimisticMutation} returns. */
export interface OptimisticMutation<TInput, TResult> {
  /** Runs the write: the cache changes now; resolves with the server's answer or rejects with a RapportError. */
  mutate: (input: TInput) => Promise<TResult>;
  /** True while a write is in flight. */
  isPending: boolean;
  /** Why the last write failed, or `null`. */
  error: RapportError | null;
}

/** What a write saw before it changed the cache (absent when it changed nothing), or its queue ticket. */
interface Snapshot<TCache> {
  previous?: TCache | undefined;
  applied?: TCache | undefined;
  ticket?: unknown;
}

/**
 * A write that updates the cache optimistically and rolls back when the server refuses.
 *
 * Rollback restores the snapshot only when the cache still holds what this write put there; if something
 * else changed it meanwhile (another write, a refetch), restoring would clobber that, so the entry is
 * refetched from the server instead.
 */
export function useOptimisticMutation<TCache, TInput, TResult>(
  options: OptimisticMutationOptions<TCache, TInput, TResult>,
): OptimisticMutation<TInput, TResult> {
  const { context, queryKey, mutationFn, optimistic, settle, queue } = options;
  const { queryClient } = context;
  const mutation = useMutation<TResult, RapportError, TInput, Snapshot<TCache>>(
    {
      mutationFn: (input) => mutationFn(input),
      scope: queue && { id: queue.scope },
      onMutate: async (input) => {
        if (queue) return { ticket: await queue.add(input) };
        // Nothing cached yet: nothing to show optimistically, and cancelling would strand the first load.
        if (queryClient.getQueryData<TCache>(queryKey) === undefined) return {};
        // A refetch landing mid-write would overwrite the optimistic value with stale data.
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData<TCache>(queryKey);
        const applied =
          previous === undefined ? undefined : queryClient.setQueryData<TCache>(queryKey, optimistic(previous, input));
        return { previous, applied };
      },
      onError: async (_error, input, snapshot) => {
        if (queue) return queue.done(snapshot?.ticket, input);
        if (snapshot?.previous === undefined) return;
        if (queryClient.getQueryData(queryKey) === snapshot.applied) {
          queryClient.setQueryData(queryKey, snapshot.previous);
        } else {
          await queryClient.invalidateQueries({ queryKey });
        }
      },
      onSuccess: (result, input, snapshot) => {
        if (queue) return queue.done(snapshot.ticket, input, { value: result });
        queryClient.setQueryData<TCache>(queryKey, (cache) =>
          cache === undefined ? undefined : settle(cache, result, input),
        );
      },
    },
    queryClient,
  );
  const { mutateAsync } = mutation;
  const mutate = useCallback(
    (input: TInput) =>
      mutateAsync(input).catch((error: unknown) => {
        throw toRapportError(error);
      }),
    [mutateAsync],
  );
  return {
    mutate,
    isPending: mutation.isPending,
    error: mutation.error === null ? null : toRapportError(mutation.error),
  };
}
