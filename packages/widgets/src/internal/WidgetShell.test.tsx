import { signVisitorToken } from '@rapport/server';
import { createTestServer, renderWithRapport, startInProcessServer, type TestServer } from '@rapport/testing';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreferenceCenter } from '../PreferenceCenter/PreferenceCenter.js';
import { widgetState, type WidgetStateOptions } from './useWidgetState.js';

// The center waits for the bootstrap and the panel's lazy chunk: generous waits keep these steady under load.
configure({ asyncUtilTimeout: 5_000 });

describe('widgetState: one order of checks for every widget', () => {
  const cases: Array<[WidgetStateOptions, ReturnType<typeof widgetState>]> = [
    [{ status: 'loading', enabled: false, loaded: false }, 'loading'],
    [{ status: 'error', enabled: false, loaded: false }, 'error'],
    [{ status: 'ready', enabled: false, loaded: false, anonymous: true }, 'disabled'],
    [{ status: 'ready', enabled: true, loaded: false, anonymous: true }, 'anonymous'],
    [{ status: 'ready', enabled: true, loaded: true }, 'ready'],
    [{ status: 'ready', enabled: true, loaded: false }, 'loading'],
    // A later request failed: the data of the earlier answer stays on screen.
    [{ status: 'error', enabled: true, loaded: true }, 'ready'],
    [{ status: 'error', enabled: true, loaded: true, anonymous: true }, 'anonymous'],
  ];
  it.each(cases)('%o → %s', (options, state) => expect(widgetState(options)).toBe(state));
});

let server: TestServer;
beforeAll(async () => {
  server = createTestServer(await startInProcessServer());
}, 60_000);
afterAll(() => server.close());

/** A client whose first request fails as offline. */
const failingOnce = (getVisitorToken?: () => Promise<string>) => {
  let failures = 1;
  return server.createClient({
    getVisitorToken,
    beforeRequest: () => {
      if (failures-- > 0) throw new TypeError('fetch failed');
    },
  });
};

/** Retry, keyboard only, once the load error shows. */
async function retryWithKeyboard() {
  const user = userEvent.setup();
  expect(await screen.findByText('We couldn’t reach the server. Check your connection.')).toBeInTheDocument();
  await user.tab();
  expect(screen.getByRole('button', { name: 'Retry' })).toHaveFocus();
  await user.keyboard('{Enter}');
}

describe('the shell’s Retry against the real server', () => {
  it('gives focus to the loaded widget’s own root (a lazily loaded panel) after a retry succeeds', async () => {
    const token = await signVisitorToken({ secret: server.identitySecret, externalId: `shell-${Date.now()}` });
    renderWithRapport(failingOnce(async () => token), <PreferenceCenter />);
    await retryWithKeyboard();
    await screen.findByRole('group', { name: 'Offers' });
    const root = document.querySelector('[data-slot="preference-center-root"]');
    expect(root).toHaveAttribute('data-state', 'ready');
    await waitFor(() => expect(root).toHaveFocus());
  });

  it('gives focus to the signed-out state’s root when that is what loads', async () => {
    renderWithRapport(failingOnce(), <PreferenceCenter />);
    await retryWithKeyboard();
    await screen.findByText('Sign in to choose what we send you.');
    const root = document.querySelector('[data-slot="preference-center-root"]');
    expect(root).toHaveAttribute('data-state', 'anonymous');
    await waitFor(() => expect(root).toHaveFocus());
  });

  it('leaves focus alone when Retry did not have it (a pointer click elsewhere)', async () => {
    const user = userEvent.setup();
    renderWithRapport(failingOnce(), <PreferenceCenter />);
    const retry = await screen.findByRole('button', { name: 'Retry' });
    // Activated without taking focus (as some browsers do on click): nothing to give back.
    retry.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await screen.findByText('Sign in to choose what we send you.');
    await user.keyboard('{Shift}');
    expect(document.body).toHaveFocus();
  });
});
