import { signVisitorToken } from '@rapport/server';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deferred, renderWithRapport, createTestServer, type TestServer, startInProcessServer } from '@rapport/testing';
import { VisitorStatus } from './VisitorStatus.js';

let server: TestServer;
beforeAll(async () => {
  server = createTestServer(await startInProcessServer());
});
afterAll(() => server.close());

const knownClient = async (name: string) => {
  const token = await signVisitorToken({ secret: server.identitySecret, externalId: 'user-42', name });
  return server.createClient({ getVisitorToken: () => token });
};

describe('<VisitorStatus />', () => {
  it('shows a guest and the site name', async () => {
    renderWithRapport(server.createClient(), <VisitorStatus />);
    expect(await screen.findByText('Browsing as a guest')).toBeInTheDocument();
    expect(screen.getByText(`on ${server.siteName}`)).toBeInTheDocument();
    const root = screen.getByRole('status');
    expect(root).toHaveAttribute('data-state', 'ready');
    expect(root).not.toHaveAttribute('aria-busy');
    expect(root).toHaveClass('rapport-visitor-status');
    expect(screen.getByText('Browsing as a guest')).toHaveAttribute('data-state', 'anonymous');
  });

  it('shows a signed-in visitor by name', async () => {
    renderWithRapport(await knownClient('Ada Lovelace'), <VisitorStatus />);
    const name = await screen.findByText('Signed in as Ada Lovelace');
    expect(name).toHaveAttribute('data-slot', 'visitor-status-name');
    expect(name).toHaveAttribute('data-state', 'known');
  });

  it('is busy with a skeleton while loading', async () => {
    const hold = deferred();
    const client = server.createClient({ beforeRequest: () => hold.promise });
    renderWithRapport(client, <VisitorStatus />);
    const root = screen.getByRole('status');
    expect(root).toHaveAttribute('data-state', 'loading');
    expect(root).toHaveAttribute('aria-busy', 'true');
    expect(root.querySelector('[data-slot="visitor-status-skeleton"]')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByText('Loading your visitor status…')).toHaveClass('rapport-visually-hidden');
    hold.resolve();
    await waitFor(() => expect(root).toHaveAttribute('data-state', 'ready'));
    expect(root).not.toHaveAttribute('aria-busy');
  });

  it('shows an error with a Retry button that recovers, keeping keyboard focus in the widget', async () => {
    const user = userEvent.setup();
    let failures = 1;
    const client = server.createClient({
      beforeRequest: () => {
        if (failures-- > 0) throw new TypeError('fetch failed');
      },
    });
    renderWithRapport(client, <VisitorStatus />);
    const root = screen.getByRole('status');
    expect(await screen.findByText('We couldn’t reach the server. Check your connection.')).toBeInTheDocument();
    expect(root).toHaveAttribute('data-state', 'error');
    const retry = screen.getByRole('button', { name: 'Retry' });
    await user.tab();
    expect(retry).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Browsing as a guest')).toBeInTheDocument();
    expect(root).toHaveAttribute('data-state', 'ready');
    await waitFor(() => expect(root).toHaveFocus());
  });

  it('explains a refused request without showing the server message', async () => {
    const client = server.createClient({ getVisitorToken: () => 'not-a-visitor-token' });
    renderWithRapport(client, <VisitorStatus />);
    expect(await screen.findByText('We couldn’t load your visitor status.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveAttribute('type', 'button');
  });

  it('replaces every visitor-readable string through messages', async () => {
    renderWithRapport(
      await knownClient('Grace Hopper'),
      <VisitorStatus messages={{ signedInAs: (name) => `Connectée : ${name}`, site: (site) => `sur ${site}` }} />,
    );
    expect(await screen.findByText('Connectée : Grace Hopper')).toBeInTheDocument();
    expect(screen.getByText(`sur ${server.siteName}`)).toBeInTheDocument();

    const failing = server.createClient({ publishableKey: 'pk_test_unknown_key_000000000000' });
    renderWithRapport(failing, <VisitorStatus messages={{ error: (e) => `Échec (${e.code})`, retry: 'Réessayer' }} />);
    expect(await screen.findByText('Échec (unknown_publishable_key)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeInTheDocument();
  });

  it('renders visitor-supplied strings as text, never as markup', async () => {
    const { container } = renderWithRapport(
      await knownClient('<img src=x onerror="alert(1)">Eve'),
      <VisitorStatus />,
    );
    expect(await screen.findByText('Signed in as <img src=x onerror="alert(1)">Eve')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('passes props, className and ref to the root', async () => {
    const ref = { current: null as HTMLDivElement | null };
    renderWithRapport(server.createClient(), <VisitorStatus ref={ref} className="mine" aria-label="Your account" />);
    const root = await screen.findByRole('status', { name: 'Your account' });
    expect(root.className).toBe('rapport-visitor-status mine');
    expect(ref.current).toBe(root);
  });

  it('warns in development about unknown message keys and empty labels', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const messages = { retry: '', greeting: 'Hi' } as unknown as Record<string, string>;
    renderWithRapport(server.createClient(), <VisitorStatus messages={messages} />);
    await screen.findByText('Browsing as a guest');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown key "greeting"'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"retry" is empty'));
    warn.mockRestore();
  });

  it('names the hook when rendered outside <RapportProvider>', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { render } = await import('@testing-library/react');
    expect(() => render(<VisitorStatus />)).toThrow('useVisitor must be used within <RapportProvider>');
    error.mockRestore();
  });
});
