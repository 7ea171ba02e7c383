import { RapportError, type BootstrapResponse, type OwnerBootstrap, type RapportClient } from '@rapport/core';
import { focusManager, QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bootstrapQueryKey } from '../bootstrapQueryOptions.js';
import { deferred } from '@rapport/testing';
import { ownerSlot } from './ownerSlot.js';
import { watchOwner } from './watchOwner.js';

const T0 = Date.parse('2026-11-23T17:00:00.000Z');
const MIN = 60_000;
const at = (ms: number) => new Date(T0 + ms).toISOString();
const slotUntil = (refreshAt: string | null, name = 'Maya P.'): OwnerBootstrap => ({
  enabled: true,
  owner: { id: 'own_1', name, initials: 'MP', channels: {} },
  availability: { state: 'available', until: refreshAt, nextAvailableAt: null, returnDate: null },
  covering: null,
  team: null,
  refreshAt,
});

function setup(first: OwnerBootstrap | null) {
  const get = vi.fn<() => Promise<OwnerBootstrap>>();
  const client = { key: 'https://api.test#pk_1', owner: { get } } as unknown as RapportClient;
  // No component observes the entry here: keep it from being garbage-collected.
  const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
  const queryKey = bootstrapQueryKey(client);
  queryClient.setQueryData(queryKey, { widgets: { owner: first } } as unknown as BootstrapResponse);
  const slot = () => ownerSlot(queryClient.getQueryData<BootstrapResponse>(queryKey));
  return { get, client, queryClient, queryKey, slot, watch: () => watchOwner(queryClient, client) };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  focusManager.setFocused(undefined);
  vi.useRealTimers();
});

describe('watchOwner', () => {
  it('fetches once at refreshAt for any number of watchers, writes the answer and follows its refreshAt', async () => {
    const { get, watch, slot } = setup(slotUntil(at(30 * MIN)));
    const stops = [watch(), watch(), watch()];
    const answer = deferred();
    get.mockImplementationOnce(async () => (await answer.promise, slotUntil(at(90 * MIN), 'Sam L.')));
    await vi.advanceTimersByTimeAsync(30 * MIN);
    expect(get).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(5_000); // the answer takes its time
    expect(get).toHaveBeenCalledTimes(1);
    answer.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(slot()).toMatchObject({ owner: { name: 'Sam L.' }, refreshAt: at(90 * MIN) });

    get.mockResolvedValueOnce(slotUntil(null));
    await vi.advanceTimersByTimeAsync(60 * MIN - 5_000 + 1_000);
    expect(get).toHaveBeenCalledTimes(2);
    expect(slot()?.refreshAt).toBeNull();
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN);
    expect(get).toHaveBeenCalledTimes(2);
    for (const stop of stops) stop();
  });

  it('stops when the last watcher leaves, and starts again for a new one', async () => {
    const { get, watch } = setup(slotUntil(at(MIN)));
    const first = watch();
    const second = watch();
    first();
    get.mockResolvedValue(slotUntil(at(10 * MIN)));
    await vi.advanceTimersByTimeAsync(MIN + 1_000);
    expect(get).toHaveBeenCalledTimes(1);
    second();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(get).toHaveBeenCalledTimes(1);
    const again = watch();
    await vi.advanceTimersByTimeAsync(1_000); // refreshAt (10 min) has passed: at once, not in a loop
    expect(get).toHaveBeenCalledTimes(2);
    again();
  });

  it('backs off while the server keeps answering a refreshAt already past on this clock', async () => {
    vi.setSystemTime(T0 + 10 * MIN); // this clock is 10 minutes ahead of the server's
    const { get, watch } = setup(slotUntil(at(5 * MIN)));
    get.mockResolvedValue(slotUntil(at(5 * MIN)));
    const stop = watch();
    const calls: number[] = [];
    get.mockImplementation(() => (calls.push(Date.now()), Promise.resolve(slotUntil(at(5 * MIN)))));
    await vi.advanceTimersByTimeAsync(2 * MIN);
    const gaps = calls.slice(1).map((time, i) => time - calls[i]!);
    expect(gaps.slice(0, 5)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(calls.length).toBeLessThan(8);
    stop();
  });

  it('backs off after failures, and drops the slot when the site switched the badge off', async () => {
    const { get, watch, slot } = setup(slotUntil(at(MIN)));
    const stop = watch();
    get.mockRejectedValueOnce(new RapportError('offline', { code: 'network' }));
    await vi.advanceTimersByTimeAsync(MIN + 1_000);
    expect(get).toHaveBeenCalledTimes(1);
    expect(slot()?.refreshAt).toBe(at(MIN));
    get.mockRejectedValueOnce(new RapportError('off', { code: 'not_found', status: 404 }));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(get).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(get).toHaveBeenCalledTimes(2);
    expect(slot()).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(get).toHaveBeenCalledTimes(2);
    stop();
  });

  it('follows a new refreshAt brought by a bootstrap refetch', async () => {
    const { get, watch, queryClient, queryKey } = setup(slotUntil(at(MIN)));
    const stop = watch();
    queryClient.setQueryData(queryKey, { widgets: { owner: slotUntil(at(20 * MIN)) } } as unknown as BootstrapResponse);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(get).not.toHaveBeenCalled();
    get.mockResolvedValue(slotUntil(null));
    await vi.advanceTimersByTimeAsync(10 * MIN + 1_000);
    expect(get).toHaveBeenCalledTimes(1);
    stop();
  });

  it('fetches once when the window regains focus after refreshAt, not before', async () => {
    const { get, watch, slot } = setup(slotUntil(at(30 * MIN)));
    const stops = [watch(), watch()];
    get.mockResolvedValue(slotUntil(at(90 * MIN), 'Sam L.'));
    focusManager.setFocused(false);
    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(get).not.toHaveBeenCalled();

    focusManager.setFocused(false);
    vi.setSystemTime(T0 + 45 * MIN); // the tab slept through refreshAt: its timer has not fired
    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(get).toHaveBeenCalledTimes(1);
    expect(slot()?.owner?.name).toBe('Sam L.');
    for (const stop of stops) stop();
  });

  it('leaves the slot to a bootstrap request in flight, and never writes an answer older than one', async () => {
    const { get, watch, queryClient, queryKey, slot } = setup(slotUntil(at(MIN)));
    const stop = watch();
    const bootstrap = deferred();
    const refetch = () =>
      queryClient.fetchQuery({
        queryKey,
        queryFn: async () => (await bootstrap.promise, { widgets: { owner: slotUntil(at(60 * MIN), 'New visitor’s owner') } }) as unknown as BootstrapResponse,
      });
    const inFlight = refetch();
    await vi.advanceTimersByTimeAsync(MIN + 1_000);
    expect(get).not.toHaveBeenCalled();
    bootstrap.resolve();
    await inFlight;
    expect(slot()?.owner?.name).toBe('New visitor’s owner');

    // The owner request is on its way when the visitor changes and the bootstrap is fetched again.
    const answer = deferred();
    get.mockImplementation(async () => (await answer.promise, slotUntil(at(120 * MIN), 'Old visitor’s owner')));
    await vi.advanceTimersByTimeAsync(59 * MIN + 1_000);
    expect(get).toHaveBeenCalledTimes(1);
    const second = deferred();
    const newer = queryClient.fetchQuery({
      queryKey,
      staleTime: 0,
      queryFn: async () => (await second.promise, { widgets: { owner: slotUntil(at(180 * MIN), 'Newest') } }) as unknown as BootstrapResponse,
    });
    answer.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(slot()?.owner?.name).toBe('New visitor’s owner');
    second.resolve();
    await newer;
    expect(slot()?.owner?.name).toBe('Newest');
    stop();
  });
});
