import type { BootstrapResponse, RapportError } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { bootstrapQueryOptions } from './bootstrapQueryOptions.js';
import { useRapportContext, type RapportContextValue } from './RapportContext.js';
import { toRapportError } from './toRapportError.js';
import { toRapportQueryStatus, type RapportQueryStatus } from './RapportQueryStatus.js';

/** The bootstrap query as the public hooks see it: already translated to Rapport's own types. */
export interface BootstrapQueryState {
  context: RapportContextValue;
  data: BootstrapResponse | undefined;
  status: RapportQueryStatus;
  error: RapportError | null;
  isFetching: boolean;
  refetch: () => void;
}

/**
 * Subscribes to the shared bootstrap query. Every hook built on the bootstrap response goes through here,
 * so any number of widgets on a page share one cache entry and make one request.
 * `hookName` names the public hook in the misuse error.
 */
export function useBootstrapQuery(hookName: string): BootstrapQueryState {
  const context = useRapportContext(hookName);
  const query = useQuery(bootstrapQueryOptions(context.client), context.queryClient);
  const { refetch: refetchQuery } = query;
  const refetch = useCallback(() => void refetchQuery(), [refetchQuery]);
  return {
    context,
    data: query.data,
    status: toRapportQueryStatus(query.status),
    error: query.error === null ? null : toRapportError(query.error),
    isFetching: query.isFetching,
    refetch,
  };
}
