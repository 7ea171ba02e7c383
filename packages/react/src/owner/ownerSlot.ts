import type { BootstrapResponse, OwnerBootstrap } from '@rapport/core';

/** The owner slot of a bootstrap response; `null` while loading or when the site has the badge off. */
export function ownerSlot(data: BootstrapResponse | undefined): OwnerBootstrap | null {
  return data?.widgets.owner ?? null;
}

/** The bootstrap response with its owner slot replaced (a new object; `cache` is left alone). */
export function withOwnerSlot(cache: BootstrapResponse, owner: OwnerBootstrap | null): BootstrapResponse {
  return { ...cache, widgets: { ...cache.widgets, owner } };
}

/** Waited past `refreshAt`, so a client clock a little behind the server's still asks after the change. */
export const REFRESH_MARGIN_MS = 1_000;
/** The shortest wait, doubled for every answer in a row that was already due (see {@link ownerRefreshDelay}). */
export const MIN_REFRESH_DELAY_MS = 1_000;
/** The longest delay `setTimeout` takes: longer ones fire at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Milliseconds from `now` until the owner slot should be fetched again: just after `refreshAt`, never sooner
 * than 1 s, never longer than a timer can wait. `late` counts the answers in a row whose `refreshAt` had
 * already passed on this clock (a clock ahead of the server's, or failed fetches): each doubles the shortest
 * wait (up to ~17 min), so a past `refreshAt` never makes a tight loop.
 */
export function ownerRefreshDelay(refreshAt: string, now: number, late = 0): number {
  const wait = Date.parse(refreshAt) - now + REFRESH_MARGIN_MS;
  const floor = MIN_REFRESH_DELAY_MS * 2 ** Math.min(late, 10);
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(floor, wait || 0));
}
