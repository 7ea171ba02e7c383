import type { RapportClient } from '@rapport/core';
import { RapportProvider } from '@rapport/react';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';

/** Renders `ui` inside a `<RapportProvider>` for `client`. Test-only. */
export function renderWithRapport(client: RapportClient, ui: ReactElement) {
  return render(<RapportProvider client={client}>{ui}</RapportProvider>);
}

/** A promise that resolves when told to: holds a request's answer back. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
