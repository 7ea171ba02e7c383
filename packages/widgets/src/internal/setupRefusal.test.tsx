import { createMemoryStorage, createRapportClient, type RapportClient } from '@rapport/core';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ContactOwnerBadge } from '../ContactOwnerBadge/ContactOwnerBadge.js';
import { FeedbackPrompt } from '../FeedbackPrompt/FeedbackPrompt.js';
import { LoyaltyCard } from '../LoyaltyCard/LoyaltyCard.js';
import { PreferenceCenter } from '../PreferenceCenter/PreferenceCenter.js';
import { renderWithRapport, startInProcessServer, type StartedServer } from '@rapport/testing';
import { VisitorStatus } from '../VisitorStatus/VisitorStatus.js';

let server: StartedServer;
beforeAll(async () => {
  server = await startInProcessServer();
});
afterAll(() => server.close());

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

const NOT_SET_UP = 'This widget isn’t set up for this site yet.';
/** The console lines about refusals (other development warnings may come too). */
const refusalLines = () => warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('refused this page'));

/** A client as a page at `origin` has one: default retry policy, the browser's Origin header on every request. */
function pageClient(origin: string, publishableKey = server.seeded.publishableKey) {
  const bootstraps = { count: 0 };
  const client: RapportClient = createRapportClient({
    baseUrl: 'http://rapport.test',
    publishableKey,
    storage: createMemoryStorage(),
    onlineTarget: null,
    fetch: async (input, init) => {
      if (new URL(String(input)).pathname === '/v1/visitor/bootstrap') bootstraps.count++;
      const headers = new Headers(init?.headers);
      headers.set('origin', origin);
      return server.app.request(input, { ...init, headers });
    },
  });
  return { client, bootstraps };
}

function allWidgets() {
  return (
    <>
      <VisitorStatus />
      <FeedbackPrompt placement="inline" />
      <PreferenceCenter />
      <LoyaltyCard />
      <ContactOwnerBadge />
    </>
  );
}

describe('a page the server refuses', () => {
  it('shows "not set up" in every widget, logs one line for the origin, and does not retry', async () => {
    const user = userEvent.setup();
    const origin = 'https://staging.not-on-the-list.example';
    const { client, bootstraps } = pageClient(origin);
    renderWithRapport(client, allWidgets());
    await waitFor(() => expect(screen.getAllByText(NOT_SET_UP)).toHaveLength(5));
    expect(screen.queryByText(/Check your connection/)).toBeNull();
    expect(bootstraps.count).toBe(1);

    const lines = refusalLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[rapport\] The Rapport server refused this page: /);
    expect(lines[0]).toContain(`Origin ${origin} is not allowed for site`);
    expect(lines[0]).toContain('rapport-server origin add');
    expect(lines[0]).toMatch(/\(origin_not_allowed, HTTP 403, request \S+\)\.$/);

    // Retry asks again and is refused again: still one line.
    await user.click(screen.getAllByRole('button', { name: 'Retry' })[0]!);
    await waitFor(() => expect(bootstraps.count).toBe(2));
    await waitFor(() => expect(screen.getAllByText(NOT_SET_UP)).toHaveLength(5));
    expect(refusalLines()).toHaveLength(1);
  });

  it('logs one line naming an unknown publishable key and how to get one', async () => {
    const key = 'pk_live_copied_from_the_wrong_site_00';
    const { client, bootstraps } = pageClient('https://shop.example.com', key);
    renderWithRapport(client, allWidgets());
    await waitFor(() => expect(screen.getAllByText(NOT_SET_UP)).toHaveLength(5));
    expect(bootstraps.count).toBe(1);
    const lines = refusalLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Publishable key ${key} is unknown or revoked`);
    expect(lines[0]).toContain('rapport-server key create');
    expect(lines[0]).toContain('(unknown_publishable_key, HTTP 401');
  });

  it('logs a new line for another refusal, and none for other failures', async () => {
    const first = pageClient('https://one.not-on-the-list.example');
    const { unmount } = renderWithRapport(first.client, <VisitorStatus />);
    await screen.findByText(NOT_SET_UP);
    unmount();
    const second = pageClient('https://two.not-on-the-list.example');
    renderWithRapport(second.client, <VisitorStatus />);
    await waitFor(() => expect(refusalLines()).toHaveLength(2));
    expect(refusalLines()[1]).toContain('https://two.not-on-the-list.example');

    const offline = createRapportClient({
      baseUrl: 'http://rapport.test',
      publishableKey: server.seeded.publishableKey,
      storage: createMemoryStorage(),
      onlineTarget: null,
      retry: { retries: 0 },
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    renderWithRapport(offline, <LoyaltyCard />);
    expect(await screen.findByText('We couldn’t reach the server. Check your connection.')).toBeInTheDocument();
    expect(refusalLines()).toHaveLength(2);
  });

  it('lets messages replace the visible sentence', async () => {
    const { client } = pageClient('https://fr.not-on-the-list.example');
    const bientot = (error: { code: string } | null) =>
      error?.code === 'origin_not_allowed' ? 'Ce module n’est pas encore configuré.' : 'Erreur';
    renderWithRapport(
      client,
      <>
        <VisitorStatus messages={{ error: bientot }} />
        <LoyaltyCard messages={{ loadError: bientot }} />
        <ContactOwnerBadge messages={{ loadError: bientot }} />
      </>,
    );
    await waitFor(() => expect(screen.getAllByText('Ce module n’est pas encore configuré.')).toHaveLength(3));
    expect(screen.queryByText(NOT_SET_UP)).toBeNull();
  });
});
