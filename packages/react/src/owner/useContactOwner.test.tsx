import { signVisitorToken } from '@rapport/server';
import { DEMO_SITE_SLUG } from '@rapport/server/demo';
import { focusManager } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTestServer,
  HOURS_WITH_LUNCH,
  OFFICE_HOURS,
  putOwnerSettings,
  putStaff,
  rapportWrapper,
  type StartedServer,
  startInProcessServer,
  type TestServer,
  touch,
} from '@rapport/testing';
import { useContactOwner } from './useContactOwner.js';

// Time is pinned by faking `Date` only: the server's clock (`new Date()`) and the hook's (`Date.now`) read the
// same instant, while timers stay real. In November London is on UTC and New York on UTC−5.
/** Monday 15:00 UTC: Priya (London, 09:00–12:30 and 13:30–17:30) is in until 17:30. */
const PRIYA_IN = '2026-11-23T15:00:00.000Z';
/** Monday 18:00 UTC: Priya has gone home; Sam, her backup (New York, 09:00–17:00), is in until 22:00 UTC. */
const SAM_COVERS = '2026-11-23T18:00:00.000Z';

let admin: StartedServer;
let server: TestServer;
beforeAll(async () => {
  admin = await startInProcessServer();
  server = createTestServer(admin);
  await putStaff(admin, 'co-sam', { displayName: 'Sam Lee', role: 'Support lead', timeZone: 'America/New_York', weeklyHours: OFFICE_HOURS });
  await putStaff(admin, 'co-priya', {
    displayName: 'Priya Shah',
    role: 'Account manager',
    timeZone: 'Europe/London',
    weeklyHours: HOURS_WITH_LUNCH,
    backupStaffId: 'co-sam',
  });
  await putOwnerSettings(admin, { teamName: 'The Northwind team' });
  // First touch owns, but only while the staff member is in.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(PRIYA_IN);
  try {
    expect(await touch(admin, 'co-ada', 'co-priya')).toMatchObject({ assigned: true });
    expect(await touch(admin, 'co-grace', 'co-sam')).toMatchObject({ assigned: true });
  } finally {
    vi.useRealTimers();
  }
});
afterAll(() => server.close());

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(PRIYA_IN);
});
afterEach(() => {
  focusManager.setFocused(undefined);
  vi.useRealTimers();
});

const sentSince = (from: number) => server.requests.slice(from).map((r) => `${r.method} ${r.path}`);
const setOwnerWidget = (on: boolean) =>
  admin.store.query(
    `UPDATE sites SET enabled_widgets = ${on ? `array_append(enabled_widgets, 'owner')` : `array_remove(enabled_widgets, 'owner')`} WHERE slug = $1`,
    [DEMO_SITE_SLUG],
  );

/** Renders two `useContactOwner` consumers under one provider for a known visitor and waits for the bootstrap. */
async function renderOwners(externalId: string) {
  const token = await signVisitorToken({ secret: server.identitySecret, externalId });
  const wrapper = rapportWrapper(server.createClient({ getVisitorToken: () => token }));
  const view = renderHook(() => [useContactOwner(), useContactOwner()] as const, { wrapper });
  await waitFor(() => expect(view.result.current[0].status).toBe('ready'));
  await act(() => Promise.resolve()); // the watch's effect has run: its timer is set on the pinned clock
  return view;
}

describe('useContactOwner', () => {
  it('shows the owner from the bootstrap with no extra request, one request for two consumers', async () => {
    const from = server.requests.length;
    const { result, unmount } = await renderOwners('co-ada');
    expect(sentSince(from)).toEqual(['GET /v1/visitor/bootstrap']);
    const [first, second] = result.current;
    expect(first).toEqual({
      status: 'ready',
      error: null,
      enabled: true,
      owner: { id: expect.stringMatching(/^own_/), name: 'Priya Shah', initials: 'PS', role: 'Account manager', channels: {} },
      availability: { state: 'available', until: '2026-11-23T17:30:00.000Z', nextAvailableAt: null, returnDate: null },
      covering: null,
      team: { name: 'The Northwind team' },
    });
    expect(second).toEqual(first);
    unmount();
  });

  it('gives a contact without an owner yet no owner, and the team', async () => {
    const { result, unmount } = await renderOwners('co-nobody');
    expect(result.current[0]).toEqual({
      status: 'ready',
      error: null,
      enabled: true,
      owner: null,
      availability: null,
      covering: null,
      team: { name: 'The Northwind team' },
    });
    unmount();
  });

  it('shows the backup covering while the owner is away and the backup is in', async () => {
    vi.setSystemTime(SAM_COVERS);
    const { result, unmount } = await renderOwners('co-ada');
    expect(result.current[0]).toMatchObject({
      owner: { name: 'Priya Shah' },
      availability: { state: 'away', until: null, nextAvailableAt: '2026-11-24T09:00:00.000Z' },
      covering: {
        owner: { name: 'Sam Lee', initials: 'SL', role: 'Support lead' },
        availability: { state: 'available', until: '2026-11-23T22:00:00.000Z' },
      },
      team: { name: 'The Northwind team' },
    });
    unmount();
  });

  it('fetches the owner once at refreshAt for two consumers, and both show the new availability', async () => {
    vi.setSystemTime('2026-11-23T17:29:59.800Z');
    const from = server.requests.length;
    const { result, unmount } = await renderOwners('co-ada');
    expect(result.current[0].availability).toMatchObject({ state: 'available', until: '2026-11-23T17:30:00.000Z' });
    // The timer waits until a second after 17:30 on the pinned clock (~1.2 s); the shift ends meanwhile.
    vi.setSystemTime('2026-11-23T17:31:00.000Z');
    await waitFor(() => expect(result.current[0].availability?.state).toBe('away'), { timeout: 5_000 });
    for (const consumer of result.current) {
      expect(consumer).toMatchObject({
        availability: { state: 'away', nextAvailableAt: '2026-11-24T09:00:00.000Z' },
        covering: { owner: { name: 'Sam Lee' }, availability: { state: 'available', until: '2026-11-23T22:00:00.000Z' } },
      });
    }
    expect(sentSince(from)).toEqual(['GET /v1/visitor/bootstrap', 'GET /v1/visitor/owner']);
    unmount();
  });

  it('fetches the owner when the window regains focus after refreshAt (the timer slept)', async () => {
    vi.setSystemTime('2026-11-23T17:29:30.000Z');
    const from = server.requests.length;
    const { result, unmount } = await renderOwners('co-ada');
    act(() => focusManager.setFocused(false));
    vi.setSystemTime('2026-11-23T17:30:20.000Z'); // the bootstrap is 50 s old: still fresh, TanStack will not refetch it
    act(() => focusManager.setFocused(true));
    await waitFor(() => expect(result.current[1].covering?.owner.name).toBe('Sam Lee'));
    expect(sentSince(from)).toEqual(['GET /v1/visitor/bootstrap', 'GET /v1/visitor/owner']);
    unmount();
  });

  it('lets a stale bootstrap refetched on focus bring the owner, without a second request', async () => {
    vi.setSystemTime('2026-11-23T17:29:30.000Z');
    const from = server.requests.length;
    const { result, unmount } = await renderOwners('co-ada');
    act(() => focusManager.setFocused(false));
    vi.setSystemTime('2026-11-23T17:35:00.000Z');
    act(() => focusManager.setFocused(true));
    await waitFor(() => expect(result.current[0].availability?.state).toBe('away'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(sentSince(from)).toEqual(['GET /v1/visitor/bootstrap', 'GET /v1/visitor/bootstrap']);
    unmount();
  });

  it('reports a site with the badge off as not enabled, and drops the badge when it is switched off', async () => {
    await setOwnerWidget(false);
    try {
      const off = await renderOwners('co-ada');
      expect(off.result.current[0]).toEqual({
        status: 'ready',
        error: null,
        enabled: false,
        owner: null,
        availability: null,
        covering: null,
        team: null,
      });
      off.unmount();
    } finally {
      await setOwnerWidget(true);
    }

    vi.setSystemTime('2026-11-23T17:29:59.800Z');
    const { result, unmount } = await renderOwners('co-ada');
    expect(result.current[0].enabled).toBe(true);
    await setOwnerWidget(false);
    try {
      vi.setSystemTime('2026-11-23T17:31:00.000Z');
      await waitFor(() => expect(result.current[0]).toMatchObject({ enabled: false, owner: null }), { timeout: 5_000 });
    } finally {
      await setOwnerWidget(true);
    }
    unmount();
  });

  it('never shows one visitor another’s owner', async () => {
    vi.setSystemTime(SAM_COVERS);
    const ada = await renderOwners('co-ada');
    const grace = await renderOwners('co-grace');
    expect(ada.result.current[0]).toMatchObject({ owner: { name: 'Priya Shah' }, covering: { owner: { name: 'Sam Lee' } } });
    expect(grace.result.current[0]).toMatchObject({
      owner: { name: 'Sam Lee' },
      availability: { state: 'available', until: '2026-11-23T22:00:00.000Z' },
      covering: null,
    });
    expect(JSON.stringify(grace.result.current)).not.toContain('Priya');
    expect(grace.result.current[0].owner?.id).not.toBe(ada.result.current[0].owner?.id);
    ada.unmount();
    grace.unmount();
  });
});
