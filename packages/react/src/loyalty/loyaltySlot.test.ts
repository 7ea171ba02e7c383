import { STAMP_REWARD_ID, type BootstrapResponse, type LoyaltyAccountSummary } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { applyRedemption, loyaltySlot, withLoyaltyCard } from './loyaltySlot.js';

const card = {
  balance: 120,
  rewards: [
    { id: 'espresso', name: 'Espresso', description: '', cost: 100, gap: 0 },
    { id: 'bag', name: 'Bag', description: '', cost: 450, gap: 330 },
  ],
  stamps: { size: 3, collected: 2, ready: 1, reward: 'A flat white' },
  celebration: null,
} as unknown as LoyaltyAccountSummary;
const cacheWith = (loyalty: BootstrapResponse['widgets']['loyalty']) =>
  ({ widgets: { feedback: null, preferences: null, loyalty, owner: null } }) as unknown as BootstrapResponse;

describe('applyRedemption', () => {
  it('takes the cost off, never below zero, and recomputes every gap', () => {
    expect(applyRedemption(card, 'espresso')).toMatchObject({ balance: 20, rewards: [{ gap: 80 }, { gap: 430 }], stamps: { ready: 1 } });
    expect(applyRedemption(card, 'bag')).toMatchObject({ balance: 0, rewards: [{ gap: 100 }, { gap: 450 }] });
    expect(applyRedemption(card, 'espresso', 35)).toMatchObject({ balance: 35, rewards: [{ gap: 65 }, { gap: 415 }] });
    expect(applyRedemption(card, 'unknown')).toMatchObject({ balance: 120 });
  });

  it('claims one full stamp card for no points', () => {
    expect(applyRedemption(card, STAMP_REWARD_ID)).toMatchObject({ balance: 120, stamps: { collected: 2, ready: 0 } });
    expect(applyRedemption({ ...card, stamps: null }, STAMP_REWARD_ID).stamps).toBeNull();
  });
});

describe('withLoyaltyCard', () => {
  it('replaces or changes the card without touching the cache it was given', () => {
    const cache = cacheWith({ enabled: true, card });
    const next = withLoyaltyCard(cache, (current) => ({ ...current, balance: 1 }));
    expect(loyaltySlot(next)?.card?.balance).toBe(1);
    expect(loyaltySlot(cache)?.card).toBe(card);
    expect(loyaltySlot(withLoyaltyCard(cache, { ...card, balance: 2 }))?.card?.balance).toBe(2);
  });

  it('leaves an anonymous visitor’s or a switched-off slot alone', () => {
    const anonymous = cacheWith({ enabled: true, card: null });
    expect(withLoyaltyCard(anonymous, (current) => ({ ...current, balance: 1 }))).toBe(anonymous);
    const off = cacheWith(null);
    expect(withLoyaltyCard(off, card)).toBe(off);
    expect(loyaltySlot(undefined)).toBeNull();
  });
});
