import type { RapportClient } from '@rapport/core';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';

/** What `<RapportProvider>` shares with the hooks below it. Internal: hooks read it through accessors. */
export interface RapportContextValue {
  /** The Rapport client the hooks call. */
  client: RapportClient;
  /** The QueryClient holding Rapport's cache (private to the provider unless one was passed). */
  queryClient: QueryClient;
}

/** Internal context; `null` outside a provider so misuse can be reported by hook name. */
export const RapportContext = createContext<RapportContextValue | null>(null);
RapportContext.displayName = 'RapportContext';

/**
 * Reads the provider's context, or throws `"<hookName> must be used within <RapportProvider>"`.
 * Every public hook passes its own name so the message points at the call the developer wrote.
 */
export function useRapportContext(hookName: string): RapportContextValue {
  const value = useContext(RapportContext);
  if (value === null) throw new Error(`${hookName} must be used within <RapportProvider>`);
  return value;
}
