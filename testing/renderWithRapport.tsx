import type { RapportClient } from '@rapport/core';
import { RapportProvider, type RapportProviderProps } from '@rapport/react';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';

/**
 * A `wrapper` for `render`/`renderHook` that puts `client` in a `<RapportProvider>` (with `queryClient`, if
 * given: default, the provider's own). Test-only.
 */
export function rapportWrapper(client: RapportClient, queryClient?: RapportProviderProps['queryClient']) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <RapportProvider client={client} queryClient={queryClient}>
        {children}
      </RapportProvider>
    );
  };
}

/** Options of {@link renderWithRapport}. */
export interface RenderWithRapportOptions {
  /** The QueryClient the provider keeps its cache in. Default: the provider's own. */
  queryClient?: RapportProviderProps['queryClient'];
}

/** Renders `ui` inside a `<RapportProvider>` for `client` (a `rerender` keeps the provider). Test-only. */
export function renderWithRapport(client: RapportClient, ui: ReactElement, options: RenderWithRapportOptions = {}) {
  return render(ui, { wrapper: rapportWrapper(client, options.queryClient) });
}
