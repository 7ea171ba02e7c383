import { STAMP_REWARD_ID, type RedemptionResult } from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  award,
  createTestServer,
  deferred,
  putProgram,
  rapportWrapper,
  type SentRequest,
  type StartedServer,
  startInProcessServer,
  type TestServer,
} from '@rapport/testing';
import { usePreferences } from '../preferences/usePreferences.js';
import { useLoyalty } from './useLoyalty.js';

let admin: StartedServer;
let server: TestServer;
beforeAll(async () => {
  admin = await startInProcessServer();
  await putProgram(admin);
  server = createTestServer(admin);
});
afterAll(() => server.close());

const REDEEM = 'POST /v1/visitor/loyalty/redemptions';
const sentSince = (from: number) => server.requests.slice(from).map((r) => `${r.method} ${r.path}`);

/** Holds back the next request matching `line` (`METHOD /path`) until `release()`. */
function holdNext(line: string) {
  const hold = deferred();
  let armed = true;
  const beforeRequest = (request: SentRequest) => {
    if (!armed || `${request.method} ${request.path}` !== line) return;
    armed = false;
    return hold.promise;
  };
  return { beforeRequest, release: hold.resolve };
}

/** A signed-in visitor's client (anonymous with `null`). */
async function visitorClient(externalId: string | null, beforeRequest?: (request: SentRequest) => Promise<void> | void) {
  const token = externalId === null ? null : await signVisitorToken({ secret: server.identitySecret, externalId });
  return server.createClient({ getVisitorToken: () => token, beforeRequest });
}

/** Renders `useLoyalty` for a visitor and waits for the bootstrap. */
async function renderLoyalty(externalId: string | null, beforeRequest?: (request: SentRequest) => Promise<void> | void) {
  const view = renderHook(() => useLoyalty(), { wrapper: rapportWrapper(await visitorClient(externalId, beforeRequest)) });
  await waitFor(() => expect(view.result.current.status).toBe('ready'));
  return view;
}

describe('useLoyalty', () => {
  it('shows the card from the bootstrap with no extra request, one request for two consumers', async () => {
    const from = server.requests.length;
    const wrapper = rapportWrapper(await visitorClient('loy-first'));
    const { result } = renderHook(() => [useLoyalty(), useLoyalty()] as const, { wrapper });
    await waitFor(() => expect(result.current[0].status).toBe('ready'));
    expect(sentSince(from)).toEqual(['GET /v1/visitor/bootstrap']);
    const [first, second] = result.current;
    expect(first).toMatchObject({ enabled: true, isAnonymous: false, isRedeeming: false, lastError: null, lastRedemption: null });
    expect(first.card).toMatchObject({
      pointsName: 'Beans',
      balance: 50,
      stamps: { size: 3, collected: 0, ready: 0 },
      rewards: [expect.objectContaining({ id: 'espresso', gap: 50 }), expect.objectContaining({ id: 'bag', gap: 400 })],
      celebration: { kind: 'welcome', points: 50 },
    });
    expect(second.card).toEqual(first.card);
  });

  it('takes the cost off at once, then shows the code and the server’s card', async () => {
    await award(admin, { externalId: 'loy-redeem', orderId: 'loy-redeem-1', points: 200 });
    const held = holdNext(REDEEM);
    const { result } = await renderLoyalty('loy-redeem', held.beforeRequest);
    expect(result.current.card?.balance).toBe(250);
    const from = server.requests.length;
    let redeemed: Promise<RedemptionResult | null> | undefined;
    act(() => void (redeemed = result.current.redeem('espresso')));
    await waitFor(() => expect(result.current.card?.balance).toBe(150));
    expect(result.current.card?.rewards.map((r) => r.gap)).toEqual([0, 300]);
    expect(result.current.isRedeeming).toBe(true);
    held.release();
    let redemption: RedemptionResult | null = null;
    await act(async () => void (redemption = (await redeemed) ?? null));
    expect(redemption).toMatchObject({ rewardId: 'espresso', balance: 150, instruction: 'Show this code at the till.' });
    expect(redemption!.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(result.current).toMatchObject({ isRedeeming: false, lastRedemption: redemption, lastError: null });
    expect(result.current.card?.history[0]).toMatchObject({ type: 'redeem', points: -100, reason: 'Redeemed: Free espresso' });
    expect(sentSince(from)).toEqual([REDEEM, 'GET /v1/visitor/loyalty']);
  });

  it('rolls a refused redemption back and says why', async () => {
    const held = holdNext(REDEEM);
    const { result } = await renderLoyalty('loy-refused', held.beforeRequest);
    let redeemed: Promise<RedemptionResult | null> | undefined;
    act(() => void (redeemed = result.current.redeem('bag')));
    await waitFor(() => expect(result.current.card?.balance).toBe(0));
    held.release();
    await act(async () => expect(await redeemed).toBeNull());
    expect(result.current.card).toMatchObject({ balance: 50, rewards: [expect.objectContaining({ gap: 50 }), expect.objectContaining({ gap: 400 })] });
    expect(result.current.lastError).toMatchObject({ code: 'insufficient_points', status: 409 });
    expect(result.current.lastRedemption).toBeNull();
    act(() => result.current.clearError());
    expect(result.current.lastError).toBeNull();
  });

  it('sends two quick redemptions one at a time: the one the balance does not cover rolls back', async () => {
    await award(admin, { externalId: 'loy-twice', orderId: 'loy-twice-1', points: 100 });
    const held = holdNext(REDEEM);
    const { result } = await renderLoyalty('loy-twice', held.beforeRequest);
    const from = server.requests.length;
    let outcomes: Promise<Array<RedemptionResult | null>> | undefined;
    act(() => void (outcomes = Promise.all([result.current.redeem('espresso'), result.current.redeem('espresso')])));
    await waitFor(() => expect(result.current.card?.balance).toBe(0));
    expect(sentSince(from)).toEqual([REDEEM]); // the second waits for the first
    held.release();
    let answers: Array<RedemptionResult | null> = [];
    await act(async () => void (answers = (await outcomes) ?? []));
    expect(answers[0]).toMatchObject({ rewardId: 'espresso', balance: 50 });
    expect(answers[1]).toBeNull();
    expect(result.current.lastError?.code).toBe('insufficient_points');
    const truth = await (await visitorClient('loy-twice')).loyalty.card();
    expect(result.current.card).toEqual(truth);
    expect(truth.balance).toBe(50);
  });

  it('keeps a redemption in flight on the card while a preference change settles (one shared bootstrap entry)', async () => {
    const held = holdNext(REDEEM);
    const wrapper = rapportWrapper(await visitorClient('loy-shared', held.beforeRequest));
    const { result } = renderHook(() => ({ loyalty: useLoyalty(), preferences: usePreferences() }), { wrapper });
    await waitFor(() => expect(result.current.loyalty.status).toBe('ready'));
    let redeemed: Promise<RedemptionResult | null> | undefined;
    act(() => void (redeemed = result.current.loyalty.redeem('bag')));
    await waitFor(() => expect(result.current.loyalty.card?.balance).toBe(0));
    // Another widget's write runs alongside (its own queue) and settles first: the redemption stays applied.
    await act(async () => expect(await result.current.preferences.setChoice('offers', 'sms', true)).toBe(true));
    expect(result.current.preferences.choiceOf('offers', 'sms')).toBe('on');
    expect(result.current.loyalty.card?.balance).toBe(0);
    held.release();
    await act(async () => expect(await redeemed).toBeNull());
    expect(result.current.loyalty.card?.balance).toBe(50);
    expect(result.current.preferences.choiceOf('offers', 'sms')).toBe('on');
  });

  it('claims a full stamp card', async () => {
    const held = holdNext(REDEEM);
    const { result } = await renderLoyalty('loy-stamps', held.beforeRequest);
    for (const order of ['s1', 's2', 's3', 's4']) await award(admin, { externalId: 'loy-stamps', orderId: `loy-stamps-${order}`, amount: 1, currency: 'GBP' });
    await act(() => result.current.refresh());
    // Only the cache changed (no state of the hook's own): React renders it a tick after the action resolves.
    await waitFor(() => expect(result.current.card?.stamps).toMatchObject({ collected: 1, ready: 1 }));
    const balance = result.current.card?.balance;
    let claimed: Promise<RedemptionResult | null> | undefined;
    act(() => void (claimed = result.current.redeem(STAMP_REWARD_ID)));
    await waitFor(() => expect(result.current.card?.stamps?.ready).toBe(0));
    expect(result.current.card?.balance).toBe(balance);
    held.release();
    await act(async () => expect(await claimed).toMatchObject({ rewardId: STAMP_REWARD_ID, rewardName: 'A free flat white', points: 0 }));
    expect(result.current.card).toMatchObject({ balance, stamps: { collected: 1, ready: 0 } });
    await act(async () => expect(await result.current.redeem(STAMP_REWARD_ID)).toBeNull());
    expect(result.current.lastError?.code).toBe('insufficient_points');
    expect(result.current.card?.stamps).toMatchObject({ collected: 1, ready: 0 });
  });

  it('shows the welcome celebration once', async () => {
    const held = holdNext('POST /v1/visitor/loyalty/celebrations/seen');
    const { result } = await renderLoyalty('loy-welcome', held.beforeRequest);
    expect(result.current.card?.celebration).toMatchObject({ kind: 'welcome', points: 50 });
    let dismissed: Promise<boolean> | undefined;
    act(() => void (dismissed = result.current.dismissCelebration()));
    await waitFor(() => expect(result.current.card?.celebration).toBeNull());
    held.release();
    await act(async () => expect(await dismissed).toBe(true));
    expect(result.current.card).toMatchObject({ celebration: null, balance: 50 });
    const again = await renderLoyalty('loy-welcome');
    expect(again.result.current.card?.celebration).toBeNull();
  });

  it('reloads the card on refresh, after the business awarded points', async () => {
    const { result } = await renderLoyalty('loy-refresh');
    await award(admin, { externalId: 'loy-refresh', orderId: 'loy-refresh-1', points: 30, reason: 'Reviewed a coffee' });
    expect(result.current.card?.balance).toBe(50);
    const from = server.requests.length;
    await act(() => result.current.refresh());
    expect(sentSince(from)).toEqual(['GET /v1/visitor/loyalty']);
    await waitFor(() => expect(result.current.card?.balance).toBe(80));
    expect(result.current.card).toMatchObject({
      balance: 80,
      pending: 0,
      lifetimePoints: 80,
    });
    expect(result.current.card?.history[0]).toMatchObject({ type: 'earn', points: 30, reason: 'Reviewed a coffee', pending: false });
    expect(result.current.lastError).toBeNull();
  });

  it('gives an anonymous visitor no card and sends nothing for their actions', async () => {
    const { result } = await renderLoyalty(null);
    expect(result.current).toMatchObject({ enabled: true, isAnonymous: true, card: null });
    const from = server.requests.length;
    await act(async () => expect(await result.current.redeem('espresso')).toBeNull());
    expect(result.current.lastError?.code).toBe('forbidden');
    await act(async () => expect(await result.current.dismissCelebration()).toBe(false));
    await act(() => result.current.refresh());
    expect(result.current.lastError?.code).toBe('forbidden');
    expect(sentSince(from)).toEqual([]);
  });

  it('answers not_found before the bootstrap has loaded', async () => {
    const held = holdNext('GET /v1/visitor/bootstrap');
    const { result } = renderHook(() => useLoyalty(), { wrapper: rapportWrapper(await visitorClient('loy-early', held.beforeRequest)) });
    expect(result.current).toMatchObject({ status: 'loading', enabled: false, card: null });
    await act(async () => expect(await result.current.redeem('espresso')).toBeNull());
    expect(result.current.lastError?.code).toBe('not_found');
    held.release();
    await waitFor(() => expect(result.current.status).toBe('ready'));
  });

  it('never shows one visitor another’s card', async () => {
    await award(admin, { externalId: 'loy-ada', orderId: 'loy-ada-1', points: 300, reason: 'Ada’s order' });
    const ada = await renderLoyalty('loy-ada');
    await act(async () => void (await ada.result.current.redeem('espresso')));
    const bob = await renderLoyalty('loy-bob');
    expect(ada.result.current.card?.balance).toBe(250);
    expect(bob.result.current.card).toMatchObject({ balance: 50, history: [expect.objectContaining({ reason: 'Welcome to Beans' })] });
    expect(bob.result.current.card?.referralCode).not.toBe(ada.result.current.card?.referralCode);
    await act(() => bob.result.current.refresh());
    expect(bob.result.current.card?.balance).toBe(50);
    expect(JSON.stringify(bob.result.current.card)).not.toContain('Ada');
  });
});
