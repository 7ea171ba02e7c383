import { useBootstrap, type RapportQueryStatus } from '@rapport/react';
import { useCallback, useRef, type MouseEvent, type Ref, type RefCallback } from 'react';
import { setRef } from './setRef.js';
import { warnSetupRefusal } from './setupRefusal.js';

/** Where a widget stands: what its shell shows, or `ready` (the widget's own content) or `disabled` (nothing). */
export type WidgetShellState = 'disabled' | 'loading' | 'error' | 'anonymous' | 'ready';

/** What {@link useWidgetState} decides from: the widget's data hook, read the same way for every widget. */
export interface WidgetStateOptions {
  /** The data hook's `status`. */
  status: RapportQueryStatus;
  /** Whether the site has the widget on (the hook's `enabled`); `true` for a widget that is always on. */
  enabled: boolean;
  /** Whether the widget has what it renders (its card, catalog, owner slot…). */
  loaded: boolean;
  /** Whether the visitor must sign in first (the hook's `isAnonymous`). Default: `false`. */
  anonymous?: boolean;
  /** The caller's ref to the widget's root, merged into {@link WidgetState.rootRef}. Default: none. */
  ref?: Ref<HTMLElement> | undefined;
}

/** What {@link useWidgetState} returns: the state, and what the shell's Retry and root need. */
export interface WidgetState {
  state: WidgetShellState;
  /** True while Retry's request is in flight (Retry stays, `aria-disabled`, keeping focus). */
  retrying: boolean;
  /** Asks for the bootstrap again (every widget on the page shares it). */
  retry: (event: MouseEvent<HTMLButtonElement>) => void;
  /**
   * For the root of the loaded widget (and of its error and signed-out states): takes focus after a retry that
   * Retry had focus for succeeds, since the button goes away and focus would fall to the page. Includes the
   * caller's `ref`.
   */
  rootRef: RefCallback<HTMLElement>;
  /** The caller's `ref` alone, for a root that must never take focus (the loading placeholder). */
  ref: Ref<HTMLElement> | undefined;
}

/**
 * One order of checks for every widget: the site has it off → `disabled`; the visitor must sign in →
 * `anonymous`; it has its data → `ready` (data from an earlier answer is kept when a later request fails);
 * the request failed → `error`; else `loading`.
 */
export function widgetState({ status, enabled, loaded, anonymous }: WidgetStateOptions): WidgetShellState {
  if (status === 'ready' && !enabled) return 'disabled';
  if (anonymous) return 'anonymous';
  if (loaded) return 'ready';
  return status === 'error' ? 'error' : 'loading';
}

/**
 * A widget's shell state ({@link widgetState}) with Retry and focus: Retry refetches the shared bootstrap,
 * and focus comes back to the widget's root after it succeeds. Logs, in development, a setup refusal of the
 * server (once per page).
 */
export function useWidgetState(options: WidgetStateOptions): WidgetState {
  // `useBootstrap`, not `useVisitor`: the same query, without the profile mutation a widget never runs (smaller).
  const { error, isFetching, refetch } = useBootstrap();
  const state = widgetState(options);
  const { ref } = options;
  if (process.env.NODE_ENV !== 'production') warnSetupRefusal(error);
  const retrying = state === 'error' && isFetching;
  const refocus = useRef(false);
  const settled = state !== 'error' && state !== 'loading';
  // A new callback once settled: React hands it the root again (the same one, or the loaded widget's own).
  const rootRef = useCallback(
    (node: HTMLElement | null) => {
      if (node && settled && refocus.current) {
        refocus.current = false;
        node.focus();
      }
      // The caller's ref, with its own cleanup (else React calls this callback with `null`, which detaches it).
      return setRef(ref, node);
    },
    [settled, ref],
  );
  return {
    state,
    retrying,
    retry: (event) => {
      if (retrying) return;
      refocus.current = event.currentTarget.ownerDocument.activeElement === event.currentTarget;
      refetch();
    },
    rootRef,
    ref,
  };
}
