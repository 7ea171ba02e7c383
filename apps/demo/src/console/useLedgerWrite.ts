import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LedgerWrite } from './consoleApi.js';

/** A ledger write from the console; afterwards every member view refetches (a reversal names no member). */
export function useLedgerWrite<T>(write: (input: T) => Promise<LedgerWrite>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['loyaltyMember'] }),
  });
}
