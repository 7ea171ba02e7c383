import type { BootstrapResponse, OwnerBootstrap } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_DELAY_MS, ownerRefreshDelay, ownerSlot, withOwnerSlot } from './ownerSlot.js';

const NOW = Date.parse('2026-11-23T15:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('ownerRefreshDelay', () => {
  it('waits until just after refreshAt', () => {
    expect(ownerRefreshDelay(at(60_000), NOW)).toBe(61_000);
    expect(ownerRefreshDelay(at(2.5 * 3_600_000), NOW)).toBe(2.5 * 3_600_000 + 1_000);
  });

  it('never waits less than a second, however far refreshAt is in the past', () => {
    expect(ownerRefreshDelay(at(-500), NOW)).toBe(1_000);
    expect(ownerRefreshDelay(at(-86_400_000), NOW)).toBe(1_000);
    expect(ownerRefreshDelay('not a date', NOW)).toBe(1_000);
  });

  it('doubles the shortest wait for each answer in a row that was already due, up to ~17 minutes', () => {
    expect([1, 2, 3].map((late) => ownerRefreshDelay(at(-1_000), NOW, late))).toEqual([2_000, 4_000, 8_000]);
    expect(ownerRefreshDelay(at(-1_000), NOW, 50)).toBe(1_024_000);
    // A refreshAt further away than the backoff still wins.
    expect(ownerRefreshDelay(at(60_000), NOW, 3)).toBe(61_000);
  });

  it('caps the delay at what a timer can wait', () => {
    expect(ownerRefreshDelay(at(30 * 86_400_000), NOW)).toBe(MAX_TIMER_DELAY_MS);
    expect(MAX_TIMER_DELAY_MS).toBe(2_147_483_647);
  });
});

describe('ownerSlot / withOwnerSlot', () => {
  it('reads the slot and replaces it without touching the cache', () => {
    const slot: OwnerBootstrap = { enabled: true, owner: null, availability: null, covering: null, team: null, refreshAt: null };
    const cache = { site: {}, widgets: { owner: null, loyalty: null } } as unknown as BootstrapResponse;
    expect(ownerSlot(undefined)).toBeNull();
    expect(ownerSlot(cache)).toBeNull();
    const next = withOwnerSlot(cache, slot);
    expect(ownerSlot(next)).toBe(slot);
    expect(next).toMatchObject({ site: cache.site, widgets: { loyalty: null } });
    expect(cache.widgets.owner).toBeNull();
  });
});
