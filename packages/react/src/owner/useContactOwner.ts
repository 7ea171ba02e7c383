import { useEffect } from 'react';
import { useBootstrapQuery } from '../useBootstrapQuery.js';
import { ownerSlot } from './ownerSlot.js';
import type { ContactOwnerResult } from './types.js';
import { watchOwner } from './watchOwner.js';

/**
 * The visitor's contact owner: from the bootstrap (no extra request), kept current (see
 * {@link ContactOwnerResult}). Any number of components may call it: while the badge is on, they share one
 * watch that fetches `GET /v1/visitor/owner` once at the answer's `refreshAt` (a shift starts or ends), and
 * when the window regains focus after it.
 */
export function useContactOwner(): ContactOwnerResult {
  const { context, data, status, error } = useBootstrapQuery('useContactOwner');
  const { client, queryClient } = context;
  const slot = ownerSlot(data);
  const enabled = slot !== null;

  useEffect(() => (enabled ? watchOwner(queryClient, client) : undefined), [enabled, queryClient, client]);

  return {
    status,
    error,
    enabled,
    owner: slot?.owner ?? null,
    availability: slot?.availability ?? null,
    covering: slot?.covering ?? null,
    team: slot?.team ?? null,
  };
}
