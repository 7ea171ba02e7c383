import { isRapportError, type BootstrapResponse, type RapportClient } from '@rapport/core';
import { focusManager, hashKey, type QueryClient } from '@tanstack/react-query';
import { bootstrapQueryKey } from '../bootstrapQueryOptions.js';
import { ownerRefreshDelay, ownerSlot, withOwnerSlot } from './ownerSlot.js';

interface Watch {
  users: number;
  stop(): void;
}

// Per QueryClient and bootstrap entry: however many components show the owner, one timer and one request.
const watches = new WeakMap<QueryClient, Map<string, Watch>>();

/**
 * Keeps the owner slot of `client`'s bootstrap entry current: at the slot's `refreshAt` (see
 * {@link ownerRefreshDelay}), and when the window regains focus after it, fetches `client.owner.get()` and
 * writes the answer into the entry. Calls share one watch per QueryClient and entry; returns the function
 * that drops this caller's share (the last one stops the timer).
 */
export function watchOwner(queryClient: QueryClient, client: RapportClient, now: () => number = Date.now): () => void {
  let byKey = watches.get(queryClient);
  if (!byKey) watches.set(queryClient, (byKey = new Map()));
  const shared = byKey;
  const watch = shared.get(client.key) ?? startWatch(queryClient, client, now);
  shared.set(client.key, watch);
  watch.users++;
  return () => {
    if (--watch.users > 0) return;
    watch.stop();
    shared.delete(client.key);
  };
}

function startWatch(queryClient: QueryClient, client: RapportClient, now: () => number): Watch {
  const queryKey = bootstrapQueryKey(client);
  const queryHash = hashKey(queryKey);
  const refreshAt = () => ownerSlot(queryClient.getQueryData<BootstrapResponse>(queryKey))?.refreshAt ?? null;
  let due: string | null = null;
  let late = 0;
  let busy = false;
  /** Counts the bootstrap fetches started: one started during ours brings a newer slot (maybe another visitor's). */
  let bootstraps = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (delay?: number) => {
    clearTimeout(timer);
    due = refreshAt();
    timer = due === null ? undefined : setTimeout(() => void refresh(), delay ?? ownerRefreshDelay(due, now(), late));
  };

  const refresh = async () => {
    if (busy) return;
    if (queryClient.isFetching({ queryKey }) > 0) {
      // The bootstrap on its way carries the slot; look again later in case it brings the same `refreshAt`.
      late++;
      return schedule();
    }
    busy = true;
    const asked = bootstraps;
    const write = (slot: BootstrapResponse['widgets']['owner']) => {
      if (asked === bootstraps) queryClient.setQueryData<BootstrapResponse>(queryKey, (cache) => cache && withOwnerSlot(cache, slot));
    };
    try {
      const slot = await client.owner.get();
      late = slot.refreshAt !== null && Date.parse(slot.refreshAt) <= now() ? late + 1 : 0;
      write(slot);
    } catch (failure) {
      late++;
      // The site switched the badge off since the page loaded.
      if (isRapportError(failure, 'not_found')) write(null);
    } finally {
      busy = false;
      schedule();
    }
  };

  const unsubscribeCache = queryClient.getQueryCache().subscribe((event) => {
    if (event.query.queryHash !== queryHash) return;
    if (event.type === 'updated' && event.action.type === 'fetch') bootstraps++;
    if (!busy && refreshAt() !== due) {
      late = 0;
      schedule();
    }
  });
  const unsubscribeFocus = focusManager.subscribe((focused) => {
    // On the next task: the QueryClient's own focus handler (which awaits first) may refetch a stale bootstrap.
    if (focused && due !== null && Date.parse(due) <= now()) schedule(0);
  });
  schedule();

  return {
    users: 0,
    stop() {
      clearTimeout(timer);
      unsubscribeCache();
      unsubscribeFocus();
    },
  };
}
