import type { BootstrapResponse, PublicSite, RapportError, VisitorProfileUpdate, VisitorSession } from '@rapport/core';
import { bootstrapQueryKey } from './bootstrapQueryOptions.js';
import type { RapportQueryStatus } from './RapportQueryStatus.js';
import { useBootstrapQuery } from './useBootstrapQuery.js';
import { useOptimisticMutation } from './useOptimisticMutation.js';

/** What {@link useVisitor} returns. */
export interface VisitorResult {
  /** Who the visitor is (`kind: 'known' | 'anonymous'`, display name, locale…); `undefined` until loaded. */
  data: VisitorSession | undefined;
  /** The site the visitor is on (its public name, default locale, enabled widgets); `undefined` until loaded. */
  site: PublicSite | undefined;
  /** `loading` before the first answer, `error` when the last attempt failed, `ready` with data. */
  status: RapportQueryStatus;
  /** Why loading failed, or `null`. Switch on `error.code`. */
  error: RapportError | null;
  /** True while the bootstrap request is in flight. */
  isFetching: boolean;
  /** Loads the visitor again (for a Retry button). */
  refetch(): void;
  /**
   * Changes the visitor's own locale and/or time zone. `data` shows the change at once; if the server
   * refuses, `data` rolls back and the promise rejects with the {@link RapportError}.
   */
  updateProfile(input: VisitorProfileUpdate): Promise<VisitorSession>;
  /** True while a profile update is in flight. */
  isUpdating: boolean;
}

function withProfile(cache: BootstrapResponse, input: VisitorProfileUpdate): BootstrapResponse {
  const visitor = { ...cache.visitor };
  if (input.locale !== undefined) visitor.locale = input.locale;
  if (input.timeZone !== undefined) visitor.timeZone = input.timeZone;
  return { ...cache, visitor };
}

/** The current visitor and site, from the shared bootstrap request, and the visitor's own profile actions. */
export function useVisitor(): VisitorResult {
  const bootstrap = useBootstrapQuery('useVisitor');
  const { client } = bootstrap.context;
  const update = useOptimisticMutation<BootstrapResponse, VisitorProfileUpdate, VisitorSession>({
    context: bootstrap.context,
    queryKey: bootstrapQueryKey(client),
    mutationFn: (input) => client.visitor.updateProfile(input),
    optimistic: withProfile,
    settle: (cache, visitor) => ({ ...cache, visitor }),
  });
  return {
    data: bootstrap.data?.visitor,
    site: bootstrap.data?.site,
    status: bootstrap.status,
    error: bootstrap.error,
    isFetching: bootstrap.isFetching,
    refetch: bootstrap.refetch,
    updateProfile: update.mutate,
    isUpdating: update.isPending,
  };
}
