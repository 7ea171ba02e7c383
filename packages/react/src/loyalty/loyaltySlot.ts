import { STAMP_REWARD_ID, type BootstrapResponse, type LoyaltyAccountSummary, type LoyaltyBootstrap } from '@rapport/core';

type Card = LoyaltyAccountSummary;

/** The loyalty slot of a bootstrap response; `null` while loading or when the site has no program. */
export function loyaltySlot(data: BootstrapResponse | undefined): LoyaltyBootstrap | null {
  return data?.widgets.loyalty ?? null;
}

/**
 * The bootstrap response with the visitor's card replaced (a new object; `cache` is left alone). Given a
 * function, it changes the card there is (none for an anonymous visitor: then `cache` comes back as it is).
 */
export function withLoyaltyCard(cache: BootstrapResponse, card: Card | ((card: Card) => Card)): BootstrapResponse {
  const slot = cache.widgets.loyalty;
  if (slot === null || (typeof card === 'function' && slot.card === null)) return cache;
  const next = typeof card === 'function' ? card(slot.card as Card) : card;
  return { ...cache, widgets: { ...cache.widgets, loyalty: { ...slot, card: next } } };
}

/**
 * The card once `rewardId` is redeemed, as far as the browser can tell: the reward's cost off the balance
 * (or `balance`, the server's, when known), every reward's gap recomputed, one full stamp card fewer when
 * claiming {@link STAMP_REWARD_ID}. History and tier are left to the server's next card.
 */
export function applyRedemption(card: Card, rewardId: string, balance?: number): Card {
  const stamps = rewardId === STAMP_REWARD_ID ? card.stamps : null;
  const cost = card.rewards.find((reward) => reward.id === rewardId)?.cost ?? 0;
  const next = balance ?? Math.max(0, card.balance - cost);
  return {
    ...card,
    balance: next,
    rewards: card.rewards.map((reward) => ({ ...reward, gap: Math.max(0, reward.cost - next) })),
    stamps: stamps ? { ...stamps, ready: Math.max(0, stamps.ready - 1) } : card.stamps,
  };
}
