import type { BootstrapResponse, RapportError } from '@rapport/core';
import { useBootstrapQuery } from './useBootstrapQuery.js';
import type { RapportQueryStatus } from './RapportQueryStatus.js';

/** What {@link useBootstrap} returns. */
export interface BootstrapResult {
  /** The bootstrap response (site, visitor, one slot per widget); `undefined` until the first answer. */
  data: BootstrapResponse | undefined;
  /** `loading` before the first answer, `error` when the last attempt failed, `ready` with data. */
  status: RapportQueryStatus;
  /** Why the last attempt failed, or `null`. Switch on `error.code`. */
  error: RapportError | null;
  /** True while a request is in flight (the first one or a refetch). */
  isFetching: boolean;
  /** Asks the server again; the result arrives through `data` / `error`. */
  refetch(): void;
}

/**
 * The one request that seeds every widget (`GET /v1/visitor/bootstrap`). Any number of components may call
 * this: they share one cache entry per client and the page makes a single request.
 */
export function useBootstrap(): BootstrapResult {
  const { data, status, error, isFetching, refetch } = useBootstrapQuery('useBootstrap');
  return { data, status, error, isFetching, refetch };
}
