import { createPart } from '../parts/createPart.js';

/** States of the whole widget, on `VisitorStatusView.Root`'s `data-state`. */
export type VisitorStatusState = 'loading' | 'error' | 'ready';

const block = 'visitor-status';

/**
 * The parts of the visitor status widget, for building your own layout around the same data.
 * Each forwards its ref, spreads props, merges `className` after its `rapport-visitor-status…` class and
 * sets `data-slot` / `data-state`. `<VisitorStatus />` is these parts wired to `useVisitor()`.
 */
export const VisitorStatusView = {
  /**
   * The container: a polite live region (`role="status"`), so the outcome of loading or retrying is
   * announced. Set `aria-busy` while loading. `state`: `loading | error | ready`.
   */
  Root: createPart<'div', VisitorStatusState>({ block, slot: 'root', element: 'div', defaults: { role: 'status' } }),
  /** Placeholder bars while loading; hidden from assistive technology. */
  Skeleton: createPart<'span'>({ block, slot: 'skeleton', element: 'span', defaults: { 'aria-hidden': true } }),
  /** Text for screen readers while loading (visually hidden). */
  LoadingText: createPart<'span'>({ block, slot: 'loading-text', element: 'span', extraClassName: 'rapport-visually-hidden' }),
  /** Who the visitor is: "Signed in as …" or "Browsing as a guest". `state`: `known | anonymous`. */
  Name: createPart<'p', 'known' | 'anonymous'>({ block, slot: 'name', element: 'p' }),
  /** Secondary line: the site the visitor is on. */
  Detail: createPart<'p'>({ block, slot: 'detail', element: 'p' }),
  /** Why loading failed. */
  ErrorMessage: createPart<'p'>({ block, slot: 'error', element: 'p' }),
  /** Button asking again. `type="button"` by default. `state`: `idle | pending`. */
  Retry: createPart<'button', 'idle' | 'pending'>({
    block,
    slot: 'retry',
    element: 'button',
    extraClassName: 'rapport-button',
    defaults: { type: 'button' },
  }),
};
