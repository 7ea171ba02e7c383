import { createApp, createPGliteStore, migrate, signVisitorToken } from '@rapport/server';
import { seedDemoSite } from '@rapport/server/demo';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestServer,
  deferred,
  putCatalog,
  rapportWrapper,
  type SentRequest,
  TEST_CATALOG,
  type TestServer,
} from '@rapport/testing';
import { usePreferences } from './usePreferences.js';

let server: TestServer;
let admin: Parameters<typeof putCatalog>[0];
beforeAll(async () => {
  const store = await createPGliteStore();
  await migrate(store);
  const seeded = await seedDemoSite(store);
  const app = createApp({ store });
  admin = { app, seeded };
  await putCatalog(admin);
  server = createTestServer({ app, seeded, close: () => store.close() });
});
afterAll(() => server.close());

const patches = () => server.requests.filter((r) => r.method === 'PATCH' && r.path === '/v1/visitor/preferences');

/** Renders `usePreferences` for a signed-in visitor (or an anonymous one with `null`); waits for the bootstrap. */
async function renderPreferences(externalId: string | null, beforeRequest?: (request: SentRequest) => Promise<void> | void) {
  const token = externalId === null ? null : await signVisitorToken({ secret: server.identitySecret, externalId });
  const client = server.createClient({ getVisitorToken: () => token, beforeRequest });
  const view = renderHook(() => usePreferences(), { wrapper: rapportWrapper(client) });
  await waitFor(() => expect(view.result.current.status).toBe('ready'));
  return view;
}

/** Holds back the next PATCH until `release()`. */
function holdNextPatch() {
  const hold = deferred();
  let armed = true;
  const beforeRequest = (request: SentRequest) => {
    if (!armed || request.method !== 'PATCH') return;
    armed = false;
    return hold.promise;
  };
  return { beforeRequest, release: hold.resolve };
}

describe('usePreferences', () => {
  it('shows the catalog from the bootstrap with every choice off, required topics on, and no extra request', async () => {
    const before = server.requests.length;
    const { result } = await renderPreferences('pref-defaults');
    const current = result.current;
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/visitor/bootstrap']);
    expect(current).toMatchObject({ enabled: true, isAnonymous: false, isSaving: false, lastError: null, error: null });
    expect(current.catalog?.topics.map((t) => t.id)).toEqual(TEST_CATALOG.topics.map((t) => t.id));
    expect(current.state).toMatchObject({ pausedUntil: null, unsubscribedAll: false });
    for (const topic of ['newsletter', 'offers'])
      for (const channel of ['email', 'sms'] as const) expect(current.choiceOf(topic, channel)).toBe('off');
    expect(current.choiceOf('receipts', 'email')).toBe('on');
  });

  it('lets an anonymous visitor read the catalog but change nothing', async () => {
    const { result } = await renderPreferences(null);
    expect(result.current).toMatchObject({ enabled: true, isAnonymous: true, state: null });
    expect(result.current.catalog?.version).toBeGreaterThanOrEqual(1);
    const sent = patches().length;
    await act(async () => expect(await result.current.setChoice('newsletter', 'email', true)).toBe(false));
    expect(result.current.lastError?.code).toBe('forbidden');
    expect(patches()).toHaveLength(sent);
    act(() => result.current.clearError());
    expect(result.current.lastError).toBeNull();
  });

  it('shows an email opt-in as pending and an SMS opt-in as on at once, then keeps the server’s answer', async () => {
    const held = holdNextPatch();
    const { result } = await renderPreferences('pref-optimistic', held.beforeRequest);
    let accepted: Promise<boolean> | undefined;
    act(() => void (accepted = result.current.setChoice('newsletter', 'email', true)));
    await waitFor(() => expect(result.current.choiceOf('newsletter', 'email')).toBe('pending'));
    expect(result.current.isSaving).toBe(true);
    held.release();
    await act(async () => expect(await accepted).toBe(true));
    await waitFor(() => expect(result.current.isSaving).toBe(false));
    expect(result.current.choiceOf('newsletter', 'email')).toBe('pending');
    const confirmed = await act(() => result.current.exportData());
    expect(result.current.state).toEqual(confirmed.state); // what the server holds, not only a guess
    expect(confirmed.history).toEqual([expect.objectContaining({ topicId: 'newsletter', channel: 'email', action: 'pending' })]);

    await act(async () => expect(await result.current.setChoice('offers', 'sms', true)).toBe(true));
    expect(result.current.choiceOf('offers', 'sms')).toBe('on');
    await act(async () => expect(await result.current.setFrequency('newsletter', 'weekly')).toBe(true));
    expect(result.current.state?.topics.find((t) => t.topicId === 'newsletter')?.frequency).toBe('weekly');
    await act(async () => expect(await result.current.setChoice('offers', 'sms', false)).toBe(true));
    expect(result.current.choiceOf('offers', 'sms')).toBe('off');
    expect(result.current.lastError).toBeNull();
  });

  it('queues changes in order: a refused one rolls back without undoing the later one', async () => {
    const held = holdNextPatch();
    const { result } = await renderPreferences('pref-queue', held.beforeRequest);
    const sent = patches().length;
    let refused: Promise<boolean> | undefined;
    let accepted: Promise<boolean> | undefined;
    act(() => {
      refused = result.current.setChoice('no-such-topic', 'email', true);
      accepted = result.current.setChoice('offers', 'sms', true);
    });
    await waitFor(() => expect(result.current.choiceOf('offers', 'sms')).toBe('on'));
    expect(result.current.choiceOf('no-such-topic', 'email')).toBe('pending');
    expect(patches()).toHaveLength(sent + 1); // the second waits for the first
    held.release();
    await act(async () => expect([await refused, await accepted]).toEqual([false, true]));
    expect(patches()).toHaveLength(sent + 2);
    expect(result.current.choiceOf('no-such-topic', 'email')).toBe('off');
    expect(result.current.choiceOf('offers', 'sms')).toBe('on');
    expect(result.current.lastError).toMatchObject({ code: 'validation_failed', status: 422 });
  });

  it('pauses and resumes everything', async () => {
    const { result } = await renderPreferences('pref-pause');
    const until = new Date(Date.now() + 14 * 86_400_000);
    await act(async () => expect(await result.current.pause(until)).toBe(true));
    expect(Date.parse(result.current.state?.pausedUntil ?? '')).toBe(until.getTime());
    await act(async () => expect(await result.current.resume()).toBe(true));
    expect(result.current.state?.pausedUntil).toBeNull();
  });

  it('unsubscribes from all marketing in one action, and undoes it', async () => {
    const { result } = await renderPreferences('pref-unsubscribe');
    await act(async () => void (await result.current.setChoice('offers', 'sms', true)));
    await act(async () => expect(await result.current.unsubscribeAll()).toBe(true));
    expect(result.current.state?.unsubscribedAll).toBe(true);
    expect(result.current.choiceOf('offers', 'sms')).toBe('off');
    expect(result.current.choiceOf('receipts', 'email')).toBe('on');
    await act(async () => expect(await result.current.resubscribeAll()).toBe(true));
    expect(result.current.state?.unsubscribedAll).toBe(false);
    expect(result.current.choiceOf('offers', 'sms')).toBe('off');
  });

  it('exports the visitor’s own choices and consent history, and no one else’s', async () => {
    const ada = await renderPreferences('pref-export-ada');
    await act(async () => void (await ada.result.current.setChoice('offers', 'sms', true)));
    const exported = await ada.result.current.exportData();
    expect(exported.contact.externalId).toBe('pref-export-ada');
    expect(exported.state).toEqual(ada.result.current.state);
    expect(exported.history).toEqual([expect.objectContaining({ topicId: 'offers', channel: 'sms', action: 'granted', source: 'widget' })]);

    const bob = await renderPreferences('pref-export-bob');
    expect(bob.result.current.choiceOf('offers', 'sms')).toBe('off');
    const bobs = await bob.result.current.exportData();
    expect(bobs.contact.externalId).toBe('pref-export-bob');
    expect(bobs.history).toEqual([]);
  });

  it('rolls back a change made against a stale catalog, then shows the new one', async () => {
    const held = holdNextPatch();
    const { result } = await renderPreferences('pref-stale', held.beforeRequest);
    const seen = result.current.catalog?.version ?? 0;
    await putCatalog(admin, { ...TEST_CATALOG, statement: `${TEST_CATALOG.statement} (updated)` });
    let accepted: Promise<boolean> | undefined;
    act(() => void (accepted = result.current.setChoice('newsletter', 'sms', true)));
    await waitFor(() => expect(result.current.choiceOf('newsletter', 'sms')).toBe('on'));
    held.release();
    await act(async () => expect(await accepted).toBe(false));
    expect(result.current.choiceOf('newsletter', 'sms')).toBe('off');
    expect(result.current.lastError).toMatchObject({ code: 'conflict', status: 409 });
    await waitFor(() => expect(result.current.catalog?.version).toBeGreaterThan(seen));
    await act(async () => expect(await result.current.setChoice('newsletter', 'sms', true)).toBe(true));
    expect(result.current.choiceOf('newsletter', 'sms')).toBe('on');
    expect(result.current.lastError).toBeNull();
  });
});
