import type { StaffInput } from '@rapport/core';
import { createApp, createPGliteStore, migrate, signVisitorToken, type RapportStore } from '@rapport/server';
import { seedDemoSite } from '@rapport/server/demo';
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentProps } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer, renderWithRapport } from '@rapport/testing';
import { ContactOwnerBadge } from './ContactOwnerBadge.js';

configure({ asyncUtilTimeout: 5_000 });

/** Monday 30 November 2026, 10:00 in London: Maya is in until lunch at 12:30; New York is asleep. */
const MONDAY_MORNING = '2026-11-30T10:00:00.000Z';
/** Monday 18:00 in London (13:00 in New York): Maya has gone home, Sam is in until 17:00 New York (22:00 UTC). */
const MONDAY_EVENING = '2026-11-30T18:00:00.000Z';
/** Saturday 28 November, noon in London: nobody is in until Monday 09:00 London (04:00 in New York). */
const SATURDAY = '2026-11-28T12:00:00.000Z';

const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const LONDON_HOURS = WORKDAYS.flatMap((day) => [
  { day, start: '09:00', end: '12:30' },
  { day, start: '13:30', end: '17:30' },
]);
const OFFICE_HOURS = WORKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' }));
const MAYA: StaffInput = {
  displayName: 'Maya Patel',
  alias: 'Maya P.',
  role: 'Account manager',
  timeZone: 'Europe/London',
  weeklyHours: LONDON_HOURS,
  email: 'maya.patel@northwind.example',
  phone: '+44 20 7946 0018',
  chatUrl: 'https://chat.northwind.example/maya',
  meetingUrl: 'https://cal.northwind.example/maya',
  photoUrl: 'https://cdn.northwind.example/staff/maya.jpg',
  responseTime: { mode: 'fixed', minutes: 120 },
  backupStaffId: 'badge-sam',
  visibleFields: ['role', 'photo', 'email', 'phone', 'chat', 'meeting', 'responseTime'],
};

// The server's clock and the page's Date move together, so "Monday" and "tomorrow" mean the same to both.
let now = new Date(MONDAY_MORNING);
const at = (iso: string) => {
  now = new Date(iso);
  vi.setSystemTime(now);
};

let store: RapportStore;
let server: TestServer;
let siteId: string;
let admin: (path: string, method: string, body: unknown) => Promise<unknown>;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(MONDAY_MORNING);
  store = await createPGliteStore();
  await migrate(store);
  const seeded = await seedDemoSite(store, { now });
  siteId = seeded.site.id;
  const app = createApp({ store, clock: () => now });
  server = createTestServer({ app, seeded, close: () => store.close() });
  admin = async (path, method, body) => {
    const response = await app.request(`http://rapport.test/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${seeded.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  await admin('/owner-settings', 'PUT', { roundRobin: false, measuredResponseTime: false, teamName: 'The Northwind team' });
  await admin('/staff/badge-sam', 'PUT', {
    displayName: 'Sam Rivera',
    alias: 'Sam R.',
    role: 'Support lead',
    timeZone: 'America/New_York',
    weeklyHours: OFFICE_HOURS,
    email: 'sam.rivera@northwind.example',
    visibleFields: ['email'],
  });
  await admin('/staff/badge-maya', 'PUT', MAYA);
  // Only name and role shown (the default), no backup.
  await admin('/staff/badge-lone', 'PUT', { displayName: 'Lee Chen', role: 'Account manager', timeZone: 'Europe/London', weeklyHours: LONDON_HOURS });
  for (const [externalId, staffId] of [['ada', 'badge-maya'], ['grace', 'badge-lone'], ['alan', 'badge-lone']]) {
    await admin('/touches', 'POST', { externalId: `badge-${externalId}`, staffId, kind: 'reply' });
  }
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  await server?.close();
});

/** Renders the badge for a known visitor (`timeZone`: theirs, set through their profile) and waits for it to load. */
async function renderFor(externalId: string, props: ComponentProps<typeof ContactOwnerBadge> = {}, timeZone?: string) {
  const token = await signVisitorToken({ secret: server.identitySecret, externalId, now, expiresInSeconds: 86_400 });
  const client = server.createClient({ getVisitorToken: () => token });
  if (timeZone) await client.visitor.updateProfile({ timeZone });
  renderWithRapport(client, <ContactOwnerBadge locale="en-GB" {...props} />);
  const root = screen.getByRole('group', { name: props['aria-label'] ?? 'Your contact' });
  await waitFor(() => expect(root).not.toHaveAttribute('data-state', 'loading'));
  return root;
}

describe('<ContactOwnerBadge /> against the real server', () => {
  it('shows an available owner: name, role, reply time and links named for them', async () => {
    at(MONDAY_MORNING);
    const root = await renderFor('badge-ada');
    expect(root).toHaveAttribute('data-state', 'ready');
    expect(root).toHaveAttribute('data-availability', 'available');
    expect(screen.getByText('Maya P.')).toHaveAttribute('data-slot', 'owner-badge-name');
    expect(screen.getByText('Account manager')).toBeInTheDocument();
    const availability = screen.getByRole('status');
    expect(availability).toHaveTextContent('Available now · until 12:30');
    expect(availability).toHaveAttribute('data-state', 'available');
    expect(screen.getByText('Usually replies within 2 hours')).toHaveAttribute('data-state', 'fixed');
    const links = within(root).getAllByRole('link');
    expect(links.map((link) => [link.getAttribute('aria-label'), link.getAttribute('href')])).toEqual([
      ['Email Maya P.: maya.patel@northwind.example', 'mailto:maya.patel@northwind.example'],
      ['Call Maya P.: +44 20 7946 0018', 'tel:+442079460018'],
      ['Chat with Maya P.', 'https://chat.northwind.example/maya'],
      ['Book a meeting with Maya P.', 'https://cal.northwind.example/maya'],
    ]);
    expect(screen.queryByText(/covering|get back to you/)).toBeNull();
  });

  it('shows the photo as decoration beside the name, and the initials when it fails to load', async () => {
    at(MONDAY_MORNING);
    const root = await renderFor('badge-ada');
    const photo = root.querySelector('img')!;
    expect(photo).toHaveAttribute('src', MAYA.photoUrl);
    expect(photo).toHaveAttribute('alt', '');
    fireEvent.error(photo);
    expect(root.querySelector('img')).toBeNull();
    const initials = within(root).getByText('MP');
    expect(initials).toHaveAttribute('aria-hidden', 'true');
    expect(root.querySelector('[data-slot="owner-badge-avatar"]')).toHaveAttribute('data-state', 'initials');
  });

  it('leaves out of the DOM every field the owner did not choose to show', async () => {
    at(MONDAY_MORNING);
    const root = await renderFor('badge-grace');
    expect(screen.getByText('Lee Chen')).toBeInTheDocument();
    expect(screen.getByText('Account manager')).toBeInTheDocument();
    expect(within(root).queryByRole('link')).toBeNull();
    expect(root.querySelector('img, [data-slot="owner-badge-channels"], [data-slot="owner-badge-response-time"]')).toBeNull();
    expect(within(root).getByText('LC')).toBeInTheDocument();
  });

  it('hands over to the backup while the owner is away, with the backup’s own links', async () => {
    at(MONDAY_EVENING);
    const root = await renderFor('badge-ada');
    expect(root).toHaveAttribute('data-availability', 'away');
    expect(screen.getByRole('status')).toHaveTextContent('Away · back tomorrow at 09:00');
    expect(screen.getByText('Maya P. is away. Sam R. is covering.')).toBeInTheDocument();
    const backup = root.querySelector<HTMLElement>('[data-slot="owner-badge-person"][data-state="covering"]')!;
    expect(within(backup).getByText('Available now · until 22:00')).toBeInTheDocument();
    expect(within(backup).getByRole('link', { name: 'Email Sam R.: sam.rivera@northwind.example' })).toHaveAttribute('href', 'mailto:sam.rivera@northwind.example');
    expect(screen.queryByText(/get back to you/)).toBeNull();
  });

  it('says when the owner is back in the visitor’s own time zone, and names the team when nobody covers', async () => {
    at(SATURDAY);
    await renderFor('badge-grace');
    expect(screen.getByRole('status')).toHaveTextContent('Away · back Monday at 09:00');
    expect(screen.getByText('The Northwind team will get back to you.')).toBeInTheDocument();
    expect(screen.queryByText(/Available/)).toBeNull();
  });

  it('formats "back Monday at 04:00" for a visitor in New York when the London owner starts at 09:00', async () => {
    at(SATURDAY);
    await renderFor('badge-alan', {}, 'America/New_York');
    expect(screen.getByRole('status')).toHaveTextContent('Away · back Monday at 04:00');
  });

  it('shows the team to a visitor without an owner yet, and to an anonymous visitor', async () => {
    at(MONDAY_MORNING);
    const root = await renderFor('badge-nobody');
    expect(root).toHaveAttribute('data-state', 'no-owner');
    expect(screen.getByText('The Northwind team is here to help.')).toHaveAttribute('data-state', 'no-owner');
    expect(within(root).queryByRole('link')).toBeNull();

    renderWithRapport(server.createClient(), <ContactOwnerBadge aria-label="Guest contact" />);
    const guest = screen.getByRole('group', { name: 'Guest contact' });
    await waitFor(() => expect(guest).toHaveAttribute('data-state', 'no-owner'));
  });

  it('in the badge variant shows only avatar, name and availability in words', async () => {
    at(MONDAY_MORNING);
    const root = await renderFor('badge-ada', { variant: 'badge' });
    expect(root).toHaveAttribute('data-variant', 'badge');
    expect(screen.getByText('Maya P.')).toHaveAttribute('title', 'Maya P.');
    expect(screen.getByRole('status')).toHaveTextContent('Available now · until 12:30');
    expect(root.querySelector('[data-slot="owner-badge-dot"]')).toHaveAttribute('data-state', 'available');
    expect(within(root).queryByRole('link')).toBeNull();
    expect(screen.queryByText('Account manager')).toBeNull();
    expect(screen.queryByText(/covers|covering/)).toBeNull();
  });

  it('in the badge variant names who covers while the owner is out, in the announced line: the backup, else the team', async () => {
    at(MONDAY_EVENING);
    const root = await renderFor('badge-ada', { variant: 'badge' });
    expect(root).toHaveAttribute('data-availability', 'away');
    expect(root.querySelector('[data-slot="owner-badge-dot"]')).toHaveAttribute('data-state', 'away');
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(/^Away · Sam R\. covers$/);
    expect(status).toHaveAttribute('data-state', 'away');
    // One compact line: no second person, no links, and nobody offline said to be available.
    expect(root.querySelectorAll('[data-slot="owner-badge-person"]')).toHaveLength(1);
    expect(within(root).queryByRole('link')).toBeNull();
    expect(screen.queryByText(/Available/)).toBeNull();
    expect(root).toHaveAccessibleName('Your contact');
    cleanup();

    at(SATURDAY);
    await renderFor('badge-grace', { variant: 'badge' });
    expect(screen.getByRole('status')).toHaveTextContent(/^Away · The Northwind team covers$/);
    cleanup();

    await renderFor('badge-grace', {
      variant: 'badge',
      messages: { away: (back) => (back ? `Absente · retour ${back}` : 'Absente'), badgeCovering: (status, backup, team) => `${status} · ${backup ?? team} répond` },
    });
    expect(screen.getByRole('status')).toHaveTextContent(/^Absente · The Northwind team répond$/);
  });

  it('shows an error with a Retry that recovers, keeping keyboard focus in the badge', async () => {
    at(MONDAY_MORNING);
    const user = userEvent.setup();
    let failures = 1;
    const client = server.createClient({
      beforeRequest: () => {
        if (failures-- > 0) throw new TypeError('fetch failed');
      },
    });
    renderWithRapport(client, <ContactOwnerBadge />);
    expect(await screen.findByText('We couldn’t reach the server. Check your connection.')).toBeInTheDocument();
    const root = screen.getByRole('group', { name: 'Your contact' });
    expect(root).toHaveAttribute('data-state', 'error');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('The Northwind team is here to help.')).toBeInTheDocument();
    await waitFor(() => expect(root).toHaveFocus());
  });

  it('replaces strings through messages and passes props, className and ref to the root', async () => {
    at(SATURDAY);
    const ref = { current: null as HTMLDivElement | null };
    const root = await renderFor('badge-grace', {
      ref,
      className: 'mine',
      'aria-label': 'Votre contact',
      locale: 'fr-FR',
      messages: { away: (back) => `Absente · de retour ${back}`, at: (day, time) => `${day} à ${time}`, team: () => 'L’équipe vous répondra.' },
    });
    expect(ref.current).toBe(root);
    expect(root.className).toBe('rapport-contact-owner-badge rapport-owner-badge mine');
    expect(screen.getByRole('status')).toHaveTextContent('Absente · de retour lundi à 09:00');
    expect(screen.getByText('L’équipe vous répondra.')).toBeInTheDocument();
  });

  it('renders nothing, with a development warning, when the site has the badge off', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await store.query(`UPDATE sites SET enabled_widgets = array_remove(enabled_widgets, 'owner') WHERE id = $1`, [siteId]);
    const { container } = renderWithRapport(server.createClient(), <ContactOwnerBadge />);
    await waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('<ContactOwnerBadge> renders nothing')));
    expect(container).toBeEmptyDOMElement();
    warn.mockRestore();
  });
});
