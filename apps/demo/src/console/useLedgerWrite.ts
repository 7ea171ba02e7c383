import type { LedgerWrite } from './callConsole.js';
import { useConsoleWrite } from './useConsoleWrite.js';

/** A ledger write from the console; afterwards every member view and the member list refetch (a reversal names no member). */
export function useLedgerWrite<T>(write: (input: T) => Promise<LedgerWrite>) {
  return useConsoleWrite(write, ['loyaltyMember', 'loyaltyMembers']);
}
