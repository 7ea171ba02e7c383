import { useQuery } from '@tanstack/react-query';
import { callConsole } from './callConsole.js';
import { useConsoleWrite } from './useConsoleWrite.js';

/** Query keys of everything an owner write can change: availability, counts, owners, grouped requests. */
export const OWNER_QUERY_KEYS = ['staff', 'contactOwner', 'ownerRequests'] as const;

/** The staff list (`GET /v1/admin/staff`), shared by the owners section and the inbox's "Reply as". */
export function useStaff() {
  return useQuery({ queryKey: ['staff'], queryFn: () => callConsole('owners', 'listStaff').then((page) => page.items) });
}

/** A write that changes owners or staff; afterwards every owner view refetches. */
export function useOwnerWrite<T, R>(write: (input: T) => Promise<R>) {
  return useConsoleWrite(write, OWNER_QUERY_KEYS);
}
