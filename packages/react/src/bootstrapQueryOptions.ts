import type { BootstrapResponse, RapportClient, RapportError } from '@rapport/core';
import { queryOptions } from '@tanstack/react-query';

/** Cache key of the bootstrap response of `client`: `['rapport', client.key, 'bootstrap']`. */
export function bootstrapQueryKey(client: RapportClient) {
  return ['rapport', client.key, 'bootstrap'] as const;
}

/**
 * TanStack Query options of the one request that seeds every widget (`GET /v1/visitor/bootstrap`).
 * For power users who want to prefetch or read the cache themselves:
 * `queryClient.prefetchQuery(bootstrapQueryOptions(client))`.
 *
 * - `retry: false`: the client's transport already retries with backoff; retrying here would multiply it.
 * - `staleTime`: 60 s, so widgets mounting later reuse the answer instead of asking again.
 */
export function bootstrapQueryOptions(client: RapportClient) {
  return queryOptions<BootstrapResponse, RapportError, BootstrapResponse, ReturnType<typeof bootstrapQueryKey>>({
    queryKey: bootstrapQueryKey(client),
    queryFn: ({ signal }) => client.visitor.bootstrap({ signal }),
    retry: false,
    staleTime: 60_000,
  });
}
