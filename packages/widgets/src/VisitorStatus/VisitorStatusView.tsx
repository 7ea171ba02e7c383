import { BUTTON_PART, createParts, LOADING_TEXT_PART } from '../parts/createPart.js';

/** States of the whole widget, on `VisitorStatusView.Root`'s `data-state`. */
export type VisitorStatusState = 'loading' | 'error' | 'ready';

/**
 * The parts of the visitor status widget, for building your own layout around the same data.
 * Each forwards its ref, spreads props, merges `className` after its `rapport-visitor-status…` class and
 * sets `data-slot` / `data-state`. `<VisitorStatus />` is these parts wired to `useVisitor()`.
 */
export const VisitorStatusView = createParts('visitor-status', (part) => ({
  /**
   * The container: a polite live region (`role="status"`), so the outcome of loading or retrying is
   * announced. Set `aria-busy` while loading. `state`: `loading | error | ready`.
   */
  Root: part<'div', VisitorStatusState>('root', 'div', { defaults: { role: 'status' } }),
  /** Placeholder bars while loading; hidden from assistive technology. */
  Skeleton: part<'span'>('skeleton', 'span', { defaults: { 'aria-hidden': true } }),
  /** Text for screen readers while loading (visually hidden). */
  LoadingText: part<'span'>('loading-text', 'span', LOADING_TEXT_PART),
  /** Who the visitor is: "Signed in as …" or "Browsing as a guest". `state`: `known | anonymous`. */
  Name: part<'p', 'known' | 'anonymous'>('name', 'p'),
  /** Secondary line: the site the visitor is on. */
  Detail: part<'p'>('detail', 'p'),
  /** Why loading failed. */
  Error: part<'p'>('error', 'p'),
  /** @deprecated The same part as `Error` (every widget names it `Error`); use `Error`. */
  ErrorMessage: part<'p'>('error', 'p'),
  /** Button asking again. `type="button"` by default. `state`: `idle | pending`. */
  Retry: part<'button', 'idle' | 'pending'>('retry', 'button', BUTTON_PART),
}));

/** The type of {@link VisitorStatusView}. */
export type VisitorStatusParts = typeof VisitorStatusView;
