import type { Placement } from '@rapport/core';
import type { FeedbackPromptStep } from '@rapport/react';
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  type FocusEvent,
  type KeyboardEvent,
  type Ref,
  type RefCallback,
  type RefObject,
} from 'react';
import { setRef } from '../internal/setRef.js';

/** Options of {@link useFeedbackPromptDialog}. */
export interface FeedbackPromptDialogOptions {
  /**
   * Where the prompt is drawn. `popover` and `tab` float: the panel is a non-modal `role="dialog"` that takes
   * focus when it appears, and Escape closes it. `inline` stays a plain container. Required.
   */
  placement: Placement;
  /** Whether the panel is shown now. When it goes away, focus returns to where it came from. Required. */
  open: boolean;
  /**
   * The prompt's step (`useFeedbackPrompt().step`): when the form goes away after sending (`sending` →
   * `thanks | queued`), focus moves to the panel rather than the page. Default: none (not watched).
   */
  step?: FeedbackPromptStep;
  /** Closes the prompt: called on Escape (floating placements) and by the trigger while open. Required. */
  onClose: () => void;
  /** Opens the prompt: called by the trigger while closed. Default: none. */
  onOpen?: () => void;
  /** The panel's `id`, which the trigger's `aria-controls` points at. Default: a generated one. */
  id?: string;
  /** Your own ref to the panel, merged with the hook's. Default: none. */
  ref?: Ref<HTMLDivElement>;
  /** Your own `keydown` handler for the panel, run first: `event.preventDefault()` keeps Escape from closing. Default: none. */
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Your own `focus` handler for the panel, run first. Default: none. */
  onFocus?: (event: FocusEvent<HTMLDivElement>) => void;
}

/** Props for the prompt's panel (its root), from {@link useFeedbackPromptDialog}. */
export interface FeedbackPromptDialogProps {
  /** The `id` option, or a generated one: what the trigger's `aria-controls` names. */
  id: string;
  /** Takes focus as a floating panel appears; includes your `ref`. */
  ref: RefCallback<HTMLDivElement>;
  /** `dialog` for the floating placements; `undefined` inline. */
  role: 'dialog' | undefined;
  /** So focus can rest on the panel when what held it goes away. */
  tabIndex: -1;
  /** Escape closes a floating prompt (after your own `onKeyDown`). */
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Inline: remembers where focus came from, to give it back on close (after your own `onFocus`). */
  onFocus: (event: FocusEvent<HTMLDivElement>) => void;
}

/** Props for the button that opens and closes the prompt (the feedback tab), from {@link useFeedbackPromptDialog}. */
export interface FeedbackPromptTriggerProps {
  /** The trigger, where focus returns when the panel closes (`tab` placement). */
  ref: RefObject<HTMLButtonElement | null>;
  /** Whether the panel is shown. */
  'aria-expanded': boolean;
  /** The panel's id while it is shown. */
  'aria-controls': string | undefined;
  /** Opens the prompt (`onOpen`) or, while it is open, closes it (`onClose`). */
  onClick: () => void;
}

/** What {@link useFeedbackPromptDialog} returns. */
export interface FeedbackPromptDialogResult {
  /** Spread on the panel's root (`FeedbackPromptView.Root`). */
  dialogProps: FeedbackPromptDialogProps;
  /** Spread on the trigger (`FeedbackPromptView.Tab`), when there is one. */
  triggerProps: FeedbackPromptTriggerProps;
  /** Moves focus to the panel: call it when the control holding focus goes away (a reply's "Got it"). */
  focusDialog(): void;
}

/**
 * The keyboard and focus behaviour of a feedback prompt, as prop bags for a layout of your own. A floating
 * prompt (`popover`, `tab`) takes focus when its panel appears (also when its code arrives after `open`
 * turned true); Escape closes it; closing gives focus back to the trigger or to the control that had it
 * before (when focus was in the panel and so fell to the page). When the form goes away after sending, focus
 * stays in the panel. `<FeedbackPrompt />` is built on it.
 */
export function useFeedbackPromptDialog(options: FeedbackPromptDialogOptions): FeedbackPromptDialogResult {
  const { placement, open, step, onClose, onOpen, ref, onKeyDown, onFocus } = options;
  const generatedId = useId();
  const id = options.id ?? `${generatedId}-panel`;
  const floating = placement !== 'inline';
  const panel = useRef<HTMLDivElement | null>(null);
  const trigger = useRef<HTMLButtonElement | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  // A floating panel takes focus when it appears (its code may arrive after `open` turned true).
  const panelRef = useCallback(
    (node: HTMLDivElement | null) => {
      panel.current = node;
      const cleanup = setRef(ref, node);
      const doc = node?.ownerDocument;
      const active = doc?.activeElement;
      if (node && doc && floating && !node.contains(active ?? null)) {
        returnTo.current =
          placement === 'tab' ? trigger.current : active instanceof HTMLElement && active !== doc.body ? active : null;
        node.focus();
      }
      return () => {
        panel.current = null;
        if (typeof cleanup === 'function') cleanup();
        else setRef(ref, null);
      };
    },
    [floating, placement, ref],
  );

  // Closing gives focus back to where it came from, when it was in the panel (and so fell to the page).
  useEffect(() => {
    if (open) return;
    const target = returnTo.current;
    returnTo.current = null;
    const active = target?.ownerDocument.activeElement;
    if (target?.isConnected && (!active || active === target.ownerDocument.body)) target.focus();
  }, [open]);

  // The form goes away once the answer is sent: its Send button held focus, so keep it in the prompt.
  const previousStep = useRef(step);
  useEffect(() => {
    const node = panel.current;
    const doc = node?.ownerDocument;
    if (previousStep.current === 'sending' && (step === 'thanks' || step === 'queued') && doc) {
      if (doc.activeElement === null || doc.activeElement === doc.body) node.focus();
    }
    previousStep.current = step;
  }, [step]);

  return {
    dialogProps: {
      id,
      ref: panelRef,
      role: floating ? 'dialog' : undefined,
      tabIndex: -1,
      onKeyDown: (event) => {
        onKeyDown?.(event);
        if (event.defaultPrevented || event.key !== 'Escape' || !floating) return;
        event.preventDefault();
        onClose();
      },
      onFocus: (event) => {
        onFocus?.(event);
        const from = event.relatedTarget;
        // Inline: remember where focus came from, to give it back when the visitor closes the prompt.
        if (!floating && from instanceof HTMLElement && !event.currentTarget.contains(from)) returnTo.current ??= from;
      },
    },
    triggerProps: {
      ref: trigger,
      'aria-expanded': open,
      'aria-controls': open ? id : undefined,
      onClick: () => (open ? onClose() : onOpen?.()),
    },
    focusDialog: () => panel.current?.focus(),
  };
}
