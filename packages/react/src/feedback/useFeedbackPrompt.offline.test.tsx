import { createMemoryStorage, type KeyValueStorage, type RapportClient } from '@rapport/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFeedbackTestServer,
  type FeedbackTestServer,
  rapportWrapper,
  startInProcessServer,
  type TestNetwork,
} from '@rapport/testing';
import { useFeedbackPrompt } from './useFeedbackPrompt.js';

let server: FeedbackTestServer;
let publishableKey: string;
beforeAll(async () => {
  const inProcess = await startInProcessServer();
  publishableKey = inProcess.seeded.publishableKey;
  server = createFeedbackTestServer(inProcess);
});
afterAll(() => server.close());

const outboxKey = () => `rapport:${publishableKey}:feedback-outbox`;
const responseRequests = (surveyId: string) =>
  server.requests.filter((r) => r.path === '/v1/visitor/feedback/responses' && r.body?.surveyId === surveyId);

async function renderPrompt(client: RapportClient, surveyId: string) {
  const view = renderHook(() => useFeedbackPrompt({ surveyId, triggers: false }), { wrapper: rapportWrapper(client) });
  await waitFor(() => expect(view.result.current.status).toBe('ready'));
  return view;
}

/** Opens the prompt from the tab, scores, and submits while the network is down. */
async function answerOffline(client: RapportClient, surveyId: string, network: TestNetwork, score: number) {
  const view = await renderPrompt(client, surveyId);
  await act(() => view.result.current.openFrom('tab'));
  act(() => view.result.current.setScore(score));
  network.online = false;
  await act(() => view.result.current.submit());
  return view;
}

/**
 * One `localStorage` seen by several tabs: like a browser, a change made in one tab fires a `storage` event in
 * every other tab's window. `storage(window)` is the storage as that tab sees it.
 */
function sharedLocalStorage(windows: readonly EventTarget[]) {
  const items = createMemoryStorage();
  const changed = (own: EventTarget, key: string) => {
    for (const other of windows) if (other !== own) other.dispatchEvent(new StorageEvent('storage', { key }));
  };
  return (own: EventTarget): KeyValueStorage => ({
    getItem: (key) => items.getItem(key),
    setItem(key, value) {
      items.setItem(key, value);
      changed(own, key);
    },
    removeItem(key) {
      items.removeItem(key);
      changed(own, key);
    },
  });
}

describe('useFeedbackPrompt offline', () => {
  it('keeps an answer made offline and delivers it exactly once after a reload', async () => {
    const survey = await server.createSurvey({ kind: 'csat' });
    const storage = createMemoryStorage();
    const network = { online: true };
    const first = server.client({ storage, network });
    const { result, unmount } = await answerOffline(first, survey.id, network, 5);

    expect(result.current).toMatchObject({ step: 'queued', sent: { score: 5, band: 'positive', text: null } });
    expect(result.current.pendingCount).toBe(1);
    const [kept] = JSON.parse(storage.getItem(outboxKey()) ?? '[]') as Array<Record<string, unknown>>;
    expect(kept).toMatchObject({ surveyId: survey.id, score: 5 });
    expect(await server.responses(survey.id)).toEqual([]);
    unmount();
    first.destroy(); // the tab is closed

    network.online = true;
    const reloaded = server.client({ storage, network });
    const after = await renderPrompt(reloaded, survey.id);
    await waitFor(() => expect(after.result.current.pendingCount).toBe(0));
    const stored = await server.responses(survey.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: kept?.id, score: 5, band: 'positive', answeredAt: kept?.answeredAt });

    // A replay of the same id (another tab's late retry) is answered from the stored response, not stored again.
    storage.setItem(outboxKey(), JSON.stringify([kept]));
    await act(() => reloaded.feedback.flush());
    expect(storage.getItem(outboxKey())).toBeNull();
    expect(responseRequests(survey.id).map((r) => r.status)).toEqual([undefined, 201, 200]);
    expect(await server.responses(survey.id)).toHaveLength(1);
    reloaded.destroy();
  });

  it('turns queued into thanks when the browser comes back online', async () => {
    const survey = await server.createSurvey({ kind: 'nps', followUps: { negative: 'Why?' } });
    const network = { online: true };
    const online = new EventTarget();
    const client = server.client({ network, onlineTarget: online });
    const { result } = await answerOffline(client, survey.id, network, 10);
    expect(result.current.step).toBe('queued');

    network.online = true;
    act(() => void online.dispatchEvent(new Event('online')));
    await waitFor(() => expect(result.current.step).toBe('thanks'));
    expect(result.current.sent).toMatchObject({ score: 10, band: 'positive' });
    expect(result.current.pendingCount).toBe(0);
    expect(await server.responses(survey.id)).toHaveLength(1);
    client.destroy();
  });

  it('two tabs see each other\'s kept answers, and delivering them concurrently stores each once', async () => {
    const survey = await server.createSurvey({ kind: 'thumbs' });
    const [windowA, windowB] = [new EventTarget(), new EventTarget()];
    const storage = sharedLocalStorage([windowA, windowB]);
    const network = { online: true };
    const tabA = server.client({ storage: storage(windowA), network, onlineTarget: windowA });
    const tabB = server.client({ storage: storage(windowB), network, onlineTarget: windowB });
    const promptA = await renderPrompt(tabA, survey.id);
    const promptB = await renderPrompt(tabB, survey.id);
    network.online = false;
    for (const [{ result }, score] of [[promptA, 1], [promptB, 0]] as const) {
      await act(() => result.current.openFrom('tab'));
      act(() => result.current.setScore(score));
      await act(() => result.current.submit());
      expect(result.current.step).toBe('queued');
    }
    expect(tabA.feedback.pending()).toHaveLength(2);
    // Tab A heard tab B's answer through the `storage` event: no render of its own was needed.
    expect(promptA.result.current.pendingCount).toBe(2);

    network.online = true;
    await act(() => Promise.all([tabA.feedback.flush(), tabB.feedback.flush()]));
    const stored = await server.responses(survey.id);
    expect(stored.map((r) => r.score).sort()).toEqual([0, 1]);
    expect(storage(windowA).getItem(outboxKey())).toBeNull();
    expect(promptA.result.current.pendingCount).toBe(0);
    expect(promptB.result.current.pendingCount).toBe(0);
    tabA.destroy();
    tabB.destroy();
  });
});
