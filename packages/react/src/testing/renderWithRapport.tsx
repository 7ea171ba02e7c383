import type { RapportClient } from '@rapport/core';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { RapportProvider } from '../RapportProvider.js';

/** A `wrapper` for `render`/`renderHook` that puts `client` in a provider. Test-only. */
export function rapportWrapper(client: RapportClient, queryClient?: QueryClient) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <RapportProvider client={client} queryClient={queryClient}>
        {children}
      </RapportProvider>
    );
  };
}

/** A promise that resolves when told to: holds a request's answer back. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
