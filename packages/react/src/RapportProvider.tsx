import type { RapportClient } from '@rapport/core';
import { QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { RapportContext, type RapportContextValue } from './RapportContext.js';

/** Props of {@link RapportProvider}. */
export interface RapportProviderProps {
  /** The client from `createRapportClient(...)`: pass the instance, created once (outside render). Required. */
  client: RapportClient;
  /**
   * A QueryClient to keep Rapport's cache in, to share devtools or persistence with your app.
   * Default: a private QueryClient created once per provider, so Rapport never touches your app's cache.
   */
  queryClient?: QueryClient;
  /** The part of your app that uses Rapport hooks and widgets. */
  children?: ReactNode;
}

/**
 * Makes a Rapport client available to the hooks and widgets below it.
 *
 * It deliberately renders no `QueryClientProvider`: the hooks pass their QueryClient explicitly, so a host
 * app's own `QueryClientProvider` (and `useQueryClient()`) below this provider keeps seeing the app's client.
 */
export function RapportProvider({ client, queryClient, children }: RapportProviderProps): ReactNode {
  // Cheap to create and inert until mounted; kept even when a client is passed, so removing the prop later
  // never falls back to the host app's client.
  const [privateQueryClient] = useState(() => new QueryClient());
  const activeQueryClient = queryClient ?? privateQueryClient;

  // QueryClientProvider would mount the client (focus and online refetching); do the same ourselves.
  useEffect(() => {
    activeQueryClient.mount();
    return () => activeQueryClient.unmount();
  }, [activeQueryClient]);

  const value = useMemo<RapportContextValue>(
    () => ({ client, queryClient: activeQueryClient }),
    [client, activeQueryClient],
  );
  return <RapportContext.Provider value={value}>{children}</RapportContext.Provider>;
}
