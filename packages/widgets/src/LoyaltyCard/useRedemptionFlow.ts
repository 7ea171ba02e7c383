import type { RedemptionResult } from '@rapport/core';
import { useCallback, useId, useRef, useState, type MouseEvent, type RefCallback, type SyntheticEvent } from 'react';
import type { LoyaltyRedeemState } from './LoyaltyCardView.js';

/** What is being redeemed: a catalog reward, or the stamp card (`cost` 0). */
export interface RedeemTarget {
  /** The reward's id (`STAMP_REWARD_ID` for a full stamp card). */
  id: string;
  /** Its name, for the dialog's question. */
  name: string;
  /** What it costs in points; 0 for the stamp card. */
  cost: number;
}

/** Options of {@link useRedemptionFlow}. */
export interface RedemptionFlowOptions {
  /**
   * Redeems a reward: resolves the redemption, or `null` when refused (`useLoyalty().redeem`, which then says
   * why in `lastError`). Required.
   */
  redeem: (rewardId: string) => Promise<RedemptionResult | null>;
  /** Called once a redemption succeeded, e.g. to announce it. Default: none. */
  onRedeemed?: (result: RedemptionResult) => void;
  /** Called when a redemption was refused. Default: none. */
  onFailed?: () => void;
}

/** Props for the native `<dialog>` (`LoyaltyCardView.Dialog`), from {@link useRedemptionFlow}. */
export interface RedemptionDialogProps {
  /** Opens the dialog with `showModal()` as it mounts: focus moves in, the page behind is inert. */
  ref: RefCallback<HTMLDialogElement>;
  /** The step, for the part's `data-state`. */
  state: LoyaltyRedeemState;
  /** Names the dialog by its title. */
  'aria-labelledby': string;
  /** Escape while the redemption is in flight would hide its outcome: it waits. */
  onCancel: (event: SyntheticEvent<HTMLDialogElement>) => void;
  /** The dialog closed (Escape, Cancel or Done): focus goes back. */
  onClose: (event: SyntheticEvent<HTMLDialogElement>) => void;
}

/** What {@link useRedemptionFlow} returns. Render the dialog while `target` is set. */
export interface RedemptionFlowResult {
  /** What is being redeemed (the dialog is open), or `null`. */
  target: RedeemTarget | null;
  /** Where the redemption stands: `confirm`, `pending`, `done` (the code is there) or `failed`. */
  step: LoyaltyRedeemState;
  /** The redemption once done: its code and instruction. */
  result: RedemptionResult | null;
  /** Props for a button that opens the dialog for `target` (Redeem, Claim); focus comes back to it. */
  triggerProps: (target: RedeemTarget) => { onClick: (event: MouseEvent<HTMLElement>) => void };
  /** Spread on the `<dialog>`. */
  dialogProps: RedemptionDialogProps;
  /** Spread on the dialog's title (its `id` names the dialog). */
  titleProps: { id: string };
  /** Spread on the outcome (`Result`): it takes focus when shown, so the code is read out. */
  resultProps: { ref: RefCallback<HTMLElement>; tabIndex: -1 };
  /** Spread on Confirm: `aria-disabled` (keeping focus) while in flight. */
  confirmProps: { state: 'idle' | 'pending'; 'aria-disabled': true | undefined; onClick: () => void };
  /** Spread on Cancel / Done: closes the dialog, except while the redemption is in flight. */
  closeProps: { 'aria-disabled': true | undefined; onClick: () => void };
}

/** Moves focus to the outcome as it appears, so it is read out. */
const focusOnMount = (node: HTMLElement | null) => node?.focus();

/**
 * The steps of redeeming a reward, as prop bags for a native modal `<dialog>`: confirm, redeem (Confirm stays,
 * `aria-disabled`), then the code, which takes focus. Escape or Cancel closes the dialog, except while the
 * redemption is in flight; on close, focus returns to the button that opened it or, when that button is gone
 * (the reward now out of reach, the stamp card claimed), to the nearest ancestor with a `tabIndex` (such as
 * the card's root).
 */
export function useRedemptionFlow(options: RedemptionFlowOptions): RedemptionFlowResult {
  const { redeem, onRedeemed, onFailed } = options;
  const [target, setTarget] = useState<(RedeemTarget & { from?: HTMLElement }) | null>(null);
  const [step, setStep] = useState<LoyaltyRedeemState>('confirm');
  const [result, setResult] = useState<RedemptionResult | null>(null);
  const dialog = useRef<HTMLDialogElement | null>(null);
  const titleId = `${useId()}-title`;
  const pending = step === 'pending';

  const showModal = useCallback((node: HTMLDialogElement | null) => {
    dialog.current = node;
    if (node && !node.open) node.showModal();
  }, []);
  const confirm = async () => {
    if (pending || !target) return;
    setStep('pending');
    const redeemed = await redeem(target.id);
    setResult(redeemed);
    setStep(redeemed ? 'done' : 'failed');
    if (redeemed) onRedeemed?.(redeemed);
    else onFailed?.();
  };
  const close = () => !pending && dialog.current?.close();

  return {
    target,
    step,
    result,
    triggerProps: (next) => ({
      onClick: (event) => {
        setStep('confirm');
        setResult(null);
        setTarget({ ...next, from: event.currentTarget });
      },
    }),
    dialogProps: {
      ref: showModal,
      state: step,
      'aria-labelledby': titleId,
      onCancel: (event) => pending && event.preventDefault(),
      onClose: (event) => {
        setTarget(null);
        if (target?.from?.isConnected) target.from.focus();
        else event.currentTarget.parentElement?.closest<HTMLElement>('[tabindex]')?.focus();
      },
    },
    titleProps: { id: titleId },
    resultProps: { ref: focusOnMount, tabIndex: -1 },
    confirmProps: { state: pending ? 'pending' : 'idle', 'aria-disabled': pending || undefined, onClick: () => void confirm() },
    closeProps: { 'aria-disabled': pending || undefined, onClick: close },
  };
}
