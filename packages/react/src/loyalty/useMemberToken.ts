import type { MemberToken } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { useRapportContext } from '../RapportContext.js';
import { toRapportError } from '../toRapportError.js';
import { toRapportQueryStatus } from '../RapportQueryStatus.js';
import type { MemberTokenOptions, MemberTokenResult } from './types.js';

/**
 * Milliseconds from `from` until `token` is due for renewal: `refreshBeforeMs` before it expires, and never
 * sooner than a second (a lead longer than the token's life must not turn into a request loop).
 */
export function memberTokenRenewsIn(token: MemberToken, refreshBeforeMs: number, from: number): number {
  return Math.max(1_000, Date.parse(token.expiresAt) - refreshBeforeMs - from);
}

/**
 * The visitor's member token and its QR code, to show at the till (see {@link MemberTokenResult}). Fetched
 * while `enabled`, renewed `refreshBeforeMs` before it expires, and held in memory only: it is dropped as soon
 * as no component shows it, and never written to storage.
 */
export function useMemberToken(options: MemberTokenOptions = {}): MemberTokenResult {
  const { enabled = true, refreshBeforeMs = 30_000 } = options;
  const { client, queryClient } = useRapportContext('useMemberToken');
  const query = useQuery(
    {
      queryKey: ['rapport', client.key, 'loyalty', 'member-token'],
      queryFn: ({ signal }) => client.loyalty.memberToken({ signal }),
      enabled,
      // The transport already retries with backoff.
      retry: false,
      gcTime: 0,
      // Fresh until due: a second component reuses the token; coming back to the tab renews a due one.
      staleTime: ({ state }) => (state.data ? memberTokenRenewsIn(state.data, refreshBeforeMs, state.dataUpdatedAt) : 0),
      refetchInterval: ({ state }) => (state.data ? memberTokenRenewsIn(state.data, refreshBeforeMs, Date.now()) : false),
    },
    queryClient,
  );
  return {
    status: toRapportQueryStatus(query.status),
    token: query.data ?? null,
    error: query.error === null ? null : toRapportError(query.error),
  };
}
