/**
 * Where a Rapport read stands: `loading` until the first answer, `error` when the last attempt failed
 * (data from an earlier success is kept), `ready` when data is there.
 */
export type RapportQueryStatus = 'loading' | 'error' | 'ready';

/** Maps TanStack's status to ours, so no TanStack type leaks into the public API. */
export function toRapportQueryStatus(status: 'pending' | 'error' | 'success'): RapportQueryStatus {
  if (status === 'pending') return 'loading';
  return status === 'error' ? 'error' : 'ready';
}
