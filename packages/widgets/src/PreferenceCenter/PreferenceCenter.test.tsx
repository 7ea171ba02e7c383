import { PreferenceExportSchema } from '@rapport/core/schemas';
import { signVisitorToken } from '@rapport/server';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer, renderWithRapport, startInProcessServer } from '@rapport/testing';
import { PreferenceCenter } from './PreferenceCenter.js';

// The center waits for the bootstrap and the panel's lazy chunk: generous waits keep these steady under load.
configure({ asyncUtilTimeout: 5_000 });

let server: TestServer;
beforeAll(async () => {
  server = createTestServer(await startInProcessServer());
}, 60_000);
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

let visitors = 0;
/** A signed-in visitor of their own (so tests never share choices), and the center rendered for them. */
async function renderKnown() {
  const externalId = `prefs-${Date.now()}-${++visitors}`;
  const token = await signVisitorToken({ secret: server.identitySecret, externalId, email: `${externalId}@example.com` });
  const client = server.createClient({ getVisitorToken: () => token });
  renderWithRapport(client, <PreferenceCenter />);
  await screen.findByRole('group', { name: 'Offers' });
  return { client, user: userEvent.setup() };
}

/** The switch named `channel` in the topic named `topic`. */
const switchOf = (topic: string, channel: string) =>
  within(screen.getByRole('group', { name: topic })).getByRole<HTMLInputElement>('switch', { name: channel });

/** Tabs until `target` has focus (keyboard only), failing after 40 stops. */
async function tabTo(user: ReturnType<typeof userEvent.setup>, target: HTMLElement) {
  for (let i = 0; i < 40 && document.activeElement !== target; i++) await user.tab();
  expect(target).toHaveFocus();
}

const status = () => screen.getByRole('status');

describe('<PreferenceCenter /> against the real server', () => {
  it('starts with every marketing choice off and required topics locked on', async () => {
    await renderKnown();
    const marketing = ['The Roast Report', 'Offers', 'Product updates', 'Events'];
    for (const topic of marketing) {
      for (const s of within(screen.getByRole('group', { name: topic })).getAllByRole('switch')) {
        expect(s).not.toBeChecked();
        expect(s).toBeEnabled();
      }
    }
    const receipts = switchOf('Orders and receipts', 'Email');
    expect(receipts).toBeChecked();
    expect(receipts).toBeDisabled();
    expect(receipts).toHaveAccessibleDescription(expect.stringContaining('Always on: we need these to run your orders'));
  });

  it('opts in keyboard-only, saves to the server and announces it', async () => {
    const { client, user } = await renderKnown();
    const sms = switchOf('Offers', 'Text message');
    await tabTo(user, sms);
    await user.keyboard(' ');
    expect(sms).toBeChecked();
    await waitFor(() => expect(status()).toHaveTextContent('Saved.'));
    const saved = await client.preferences.export();
    const offers = saved.state.topics.find((t) => t.topicId === 'offers');
    expect(offers?.channels.find((c) => c.channel === 'sms')?.state).toBe('on');
  });

  it('puts an email opt-in in pending until the visitor confirms it', async () => {
    const { user } = await renderKnown();
    const email = switchOf('The Roast Report', 'Email');
    await tabTo(user, email);
    await user.keyboard(' ');
    await waitFor(() => expect(status()).toHaveTextContent('Saved.'));
    expect(email).toBeChecked();
    expect(email.closest('[data-state]')).toHaveAttribute('data-state', 'pending');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('Check your inbox to confirm'));
  });

  it('unsubscribes from all in one action, and resubscribes', async () => {
    const { client, user } = await renderKnown();
    await user.click(switchOf('Events', 'Text message'));
    await waitFor(() => expect(status()).toHaveTextContent('Saved.'));
    await user.click(screen.getByRole('button', { name: 'Unsubscribe from all marketing' }));
    const resubscribe = await screen.findByRole('button', { name: 'Resubscribe' });
    expect(switchOf('Events', 'Text message')).not.toBeChecked();
    expect(switchOf('Events', 'Text message')).toBeDisabled();
    expect(screen.getByText(/You’re unsubscribed from all marketing/)).toBeInTheDocument();
    expect((await client.preferences.export()).state.unsubscribedAll).toBe(true);

    await user.click(resubscribe);
    await screen.findByRole('button', { name: 'Unsubscribe from all marketing' });
    expect(switchOf('Events', 'Text message')).toBeEnabled();
    expect(switchOf('Events', 'Text message')).not.toBeChecked();
    await waitFor(async () => expect((await client.preferences.export()).state.unsubscribedAll).toBe(false));
  });

  it('downloads the preferences and consent history as JSON through a Blob link', async () => {
    const { user } = await renderKnown();
    await user.click(switchOf('Offers', 'Text message'));
    await waitFor(() => expect(status()).toHaveTextContent('Saved.'));
    const blobs: Blob[] = [];
    // jsdom has no object URLs and does not download: catch the Blob and the link instead.
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:rapport-test'));
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('my-preferences.json');
      expect(this.href).toBe('blob:rapport-test');
    });
    await user.click(screen.getByRole('button', { name: 'Download my preferences and consent history (JSON)' }));
    await waitFor(() => expect(status()).toHaveTextContent('Your download has started.'));
    expect(clicked).toHaveBeenCalledOnce();
    expect(blobs[0]?.type).toBe('application/json');
    const exported = PreferenceExportSchema.parse(JSON.parse(await blobs[0]!.text()));
    expect(exported.history.map((e) => [e.action, e.topicId, e.channel])).toContainEqual(['granted', 'offers', 'sms']);
  });

  it('asks an anonymous visitor to sign in', async () => {
    renderWithRapport(server.createClient(), <PreferenceCenter messages={{ signIn: 'Log in first.' }} />);
    expect(await screen.findByText('Log in first.')).toBeInTheDocument();
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('pauses and resumes keyboard-only without losing focus when the buttons swap', async () => {
    const { client, user } = await renderKnown();
    await tabTo(user, screen.getByRole('button', { name: 'Pause for 1 month' }));
    await user.keyboard('{Enter}');
    const group = screen.getByRole('group', { name: 'Pause everything' });
    const resume = await within(group).findByRole('button', { name: 'Resume now' });
    expect(group).toHaveFocus();
    expect(within(group).queryByRole('button', { name: 'Pause for 1 month' })).toBeNull();
    await user.tab();
    expect(resume).toHaveFocus();
    await user.keyboard('{Enter}');
    await within(group).findByRole('button', { name: 'Pause for 1 week' });
    expect(group).toHaveFocus();
    // Both changes reached the server, in order: the pause ended.
    await waitFor(async () => expect((await client.preferences.export()).state.pausedUntil).toBeNull());
  });
});
