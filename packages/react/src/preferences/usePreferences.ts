import { RapportError, type BootstrapResponse, type Channel, type Frequency, type PreferenceChange, type PreferenceState } from '@rapport/core';
import { useCallback, useMemo, useState } from 'react';
import { bootstrapQueryKey } from '../bootstrapQueryOptions.js';
import { toRapportError } from '../toRapportError.js';
import { useBootstrapQuery } from '../useBootstrapQuery.js';
import { useOptimisticMutation } from '../useOptimisticMutation.js';
import { applyPreferenceChange, choiceOf, preferencesSlot, withPreferenceState } from './preferencesSlot.js';
import { rebaseQueue } from '../rebaseQueue.js';
import type { PreferencesOptions, PreferencesResult } from './types.js';

/** A change as an action builds it: the hook adds the catalog version and the locale. */
type ChangeInput = Omit<PreferenceChange, 'catalogVersion' | 'locale'>;

const optimistic = (cache: BootstrapResponse, change: PreferenceChange): BootstrapResponse => {
  const slot = cache.widgets.preferences;
  return slot?.state ? withPreferenceState(cache, applyPreferenceChange(slot.state, slot.catalog, change)) : cache;
};
const settle = (cache: BootstrapResponse, state: PreferenceState) => withPreferenceState(cache, state);

/**
 * The preferences center: the catalog and the visitor's choices from the bootstrap (no extra request), and the
 * actions that change them (see {@link PreferencesResult}). Any number of components may call it; their
 * changes share one queue, so they reach the server one at a time, in the order they were made.
 */
export function usePreferences(options: PreferencesOptions = {}): PreferencesResult {
  const bootstrap = useBootstrapQuery('usePreferences');
  const { context, data } = bootstrap;
  const { client, queryClient } = context;
  const slot = preferencesSlot(data);
  const catalog = slot?.catalog ?? null;
  const state = slot?.state ?? null;
  const locale = options.locale ?? data?.visitor.locale ?? data?.site.defaultLocale;
  const [lastError, setLastError] = useState<RapportError | null>(null);

  const queryKey = useMemo(() => bootstrapQueryKey(client), [client]);
  const queue = useMemo(
    () => rebaseQueue<BootstrapResponse, PreferenceChange, PreferenceState>({ queryClient, queryKey, optimistic, settle }),
    [queryClient, queryKey],
  );
  const { mutate, isPending } = useOptimisticMutation<BootstrapResponse, PreferenceChange, PreferenceState>({
    context,
    queryKey,
    mutationFn: (change) => client.preferences.update(change),
    optimistic,
    settle,
    queue,
  });

  const change = useCallback(
    async (input: ChangeInput): Promise<boolean> => {
      setLastError(null);
      // The latest catalog version in the cache: a refetch after a conflict brings the new one.
      const current = preferencesSlot(queryClient.getQueryData<BootstrapResponse>(queryKey));
      try {
        if (current?.state == null) {
          throw new RapportError(current ? 'Sign in to change your preferences' : 'Preferences are not loaded', {
            code: current ? 'forbidden' : 'not_found',
          });
        }
        await mutate({ catalogVersion: current.catalog.version, ...(locale ? { locale } : {}), ...input });
        return true;
      } catch (failure) {
        const error = toRapportError(failure);
        setLastError(error);
        // The wording changed since the page loaded: fetch the new catalog so the visitor sees what they agree to.
        if (error.code === 'conflict') void queryClient.invalidateQueries({ queryKey });
        return false;
      }
    },
    [mutate, queryClient, queryKey, locale],
  );

  const exportData = useCallback(async () => {
    setLastError(null);
    try {
      return await client.preferences.export();
    } catch (failure) {
      const error = toRapportError(failure);
      setLastError(error);
      throw error;
    }
  }, [client]);

  return {
    status: bootstrap.status,
    error: bootstrap.error,
    enabled: slot !== null,
    catalog,
    state,
    isAnonymous: data?.visitor.kind === 'anonymous',
    choiceOf: useCallback((topicId: string, channel: Channel) => choiceOf(catalog, state, topicId, channel), [catalog, state]),
    setChoice: useCallback(
      (topicId: string, channel: Channel, granted: boolean) => change({ choices: [{ topicId, channel, granted }] }),
      [change],
    ),
    setFrequency: useCallback((topicId: string, frequency: Frequency) => change({ frequencies: [{ topicId, frequency }] }), [change]),
    pause: useCallback((until: Date) => change({ pauseUntil: until.toISOString() }), [change]),
    resume: useCallback(() => change({ pauseUntil: null }), [change]),
    unsubscribeAll: useCallback(() => change({ unsubscribeAll: true }), [change]),
    resubscribeAll: useCallback(() => change({ unsubscribeAll: false }), [change]),
    exportData,
    isSaving: isPending,
    lastError,
    clearError: useCallback(() => setLastError(null), []),
  };
}
