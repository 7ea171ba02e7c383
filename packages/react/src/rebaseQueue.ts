import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { MutationQueue } from './useOptimisticMutation.js';

interface Ticket {
  /** The write's optimistic change: tickets of several widgets' queues may share one entry. */
  readonly apply: (cache: unknown) => unknown;
}

interface QueueState {
  /** The entry as the server last confirmed it, before the writes still in flight. */
  base: unknown;
  /** What this queue last put in the cache: anything else there came from elsewhere (a refetch). */
  written: unknown;
  pending: Ticket[];
}

// Per QueryClient and cache entry, so every component (and every widget) writing the same entry shares one
// queue: each write's optimistic change is replayed over the others', whichever widget made it.
const queues = new WeakMap<QueryClient, Map<string, QueueState>>();

/** Options of {@link rebaseQueue}. */
export interface RebaseQueueOptions<TCache, TInput, TResult> {
  queryClient: QueryClient;
  queryKey: readonly unknown[];
  /** The cache with one write applied. Must not mutate `cache`. */
  optimistic: (cache: TCache, input: TInput) => TCache;
  /** The cache once the server accepted a write (take the server's version). Must not mutate `cache`. */
  settle: (cache: TCache, result: TResult, input: TInput) => TCache;
  /**
   * Writes with the same name run one at a time, in order (TanStack mutation scope); other names' writes to
   * the entry run alongside but still rebase together. Default: `''`.
   */
  name?: string;
}

/**
 * A {@link MutationQueue} that rebases: the cache always shows the last confirmed value with every write still
 * in flight applied over it, in order. An accepted write moves the confirmed value to the server's answer; a
 * refused one just drops out. So a refusal never undoes a later write, and a late answer never shows a value
 * the writes after it have changed. A value put in the cache by someone else (a refetch) becomes the base.
 */
export function rebaseQueue<TCache, TInput, TResult>(
  options: RebaseQueueOptions<TCache, TInput, TResult>,
): MutationQueue<TInput, TResult> {
  const { queryClient, queryKey, optimistic, settle, name = '' } = options;
  const id = hashKey(queryKey);

  const state = (): QueueState => {
    let byKey = queues.get(queryClient);
    if (!byKey) queues.set(queryClient, (byKey = new Map()));
    let queue = byKey.get(id);
    if (!queue) byKey.set(id, (queue = { base: undefined, written: undefined, pending: [] }));
    return queue;
  };

  const refresh = (queue: QueueState) => {
    const cached = queryClient.getQueryData<TCache>(queryKey);
    if (cached !== undefined && cached !== queue.written) queue.base = cached;
  };

  const write = (queue: QueueState) => {
    if (queue.pending.length === 0) queues.get(queryClient)?.delete(id);
    if (queue.base === undefined) return;
    const next = queue.pending.reduce<unknown>((cache, ticket) => ticket.apply(cache), queue.base);
    queue.written = queryClient.setQueryData<TCache>(queryKey, next as TCache);
  };

  return {
    scope: `rebase:${id}${name && `:${name}`}`,
    async add(input) {
      const queue = state();
      const ticket: Ticket = { apply: (cache) => optimistic(cache as TCache, input) };
      queue.pending.push(ticket);
      if (queryClient.getQueryData(queryKey) !== undefined) {
        // A refetch landing mid-write would overwrite the optimistic value with stale data.
        await queryClient.cancelQueries({ queryKey });
        refresh(queue);
        write(queue);
      }
      return ticket;
    },
    done(ticket, input, result) {
      const queue = state();
      queue.pending = queue.pending.filter((pending) => pending !== ticket);
      refresh(queue);
      if (result && queue.base !== undefined) queue.base = settle(queue.base as TCache, result.value, input);
      write(queue);
    },
  };
}
