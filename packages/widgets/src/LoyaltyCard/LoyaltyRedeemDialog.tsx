import type { RedemptionResult } from '@rapport/core';
import type { LoyaltyResult } from '@rapport/react';
import { useId, useRef, useState, type ReactNode, type SyntheticEvent } from 'react';
import type { LocaleFormat } from '../internal/useLocaleFormat.js';
import type { LoyaltyCardMessages } from './loyaltyCardMessages.js';
import type { LoyaltyCardParts, LoyaltyRedeemState } from './LoyaltyCardView.js';

/** What is being redeemed: a catalog reward, or the stamp card (`cost` 0). */
export interface RedeemTarget {
  id: string;
  name: string;
  cost: number;
}

interface DialogProps {
  parts: LoyaltyCardParts;
  text: LoyaltyCardMessages;
  format: LocaleFormat;
  pointsName: string;
  target: RedeemTarget;
  loyalty: LoyaltyResult;
  /** Copies a code, resolving whether it worked; absent without a clipboard. */
  copy: ((code: string) => Promise<boolean>) | undefined;
  onRedeemed: (result: RedemptionResult) => void;
  /** The redemption was refused (`loyalty.lastError` says why). */
  onFailed: () => void;
  /** The dialog closed (Escape, Cancel or Done): unmount it and put focus back. */
  onClose: (event: SyntheticEvent<HTMLDialogElement>) => void;
}

/** Opens a modal `<dialog>` once, as it mounts (the platform then traps focus and handles Escape). */
const showModal = (node: HTMLDialogElement | null) => {
  if (node && !node.open) node.showModal();
};
/** Moves focus to the result, so it is read out. */
const focus = (node: HTMLElement | null) => node?.focus();

/** Confirm, redeem, then the code and what to do with it, in a native modal dialog. */
export function LoyaltyRedeemDialog(props: DialogProps): ReactNode {
  const { parts: View, text, format, pointsName, target, loyalty, copy } = props;
  const [state, setState] = useState<LoyaltyRedeemState>('confirm');
  const [result, setResult] = useState<RedemptionResult | null>(null);
  const [copied, setCopied] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = `${useId()}-title`;
  const pending = state === 'pending';

  const confirm = async () => {
    if (pending) return;
    setState('pending');
    const redeemed = await loyalty.redeem(target.id);
    setResult(redeemed);
    setState(redeemed ? 'done' : 'failed');
    if (redeemed) props.onRedeemed(redeemed);
    else props.onFailed();
  };
  const close = () => !pending && dialog.current?.close();

  return (
    <View.Dialog
      ref={(node) => {
        dialog.current = node;
        showModal(node);
      }}
      state={state}
      aria-labelledby={titleId}
      // Escape while the redemption is in flight would hide its outcome: wait for it.
      onCancel={(e) => pending && e.preventDefault()}
      onClose={props.onClose}
    >
      <View.DialogTitle id={titleId}>
        {result
          ? text.redeemed(result.rewardName)
          : target.cost
            ? text.confirm(format.number(target.cost), pointsName, target.name)
            : text.confirmClaim(target.name)}
      </View.DialogTitle>
      {result ? (
        <View.Result tabIndex={-1} ref={focus}>
          <View.Note state="code">{text.code}</View.Note>
          <View.Code state="redemption">{result.code}</View.Code>
          {result.instruction && <View.Note state="instruction">{result.instruction}</View.Note>}
        </View.Result>
      ) : (
        state === 'failed' && <View.Error role="alert">{text.redeemError(loyalty.lastError)}</View.Error>
      )}
      <View.Actions>
        {result ? (
          copy && (
            <View.Copy onClick={() => void copy(result.code).then(setCopied)}>
              {copied ? text.copied : text.copy}
            </View.Copy>
          )
        ) : (
          <View.Confirm state={pending ? 'pending' : 'idle'} aria-disabled={pending || undefined} onClick={confirm}>
            {pending ? text.redeeming : text.confirmButton}
          </View.Confirm>
        )}
        <View.Close aria-disabled={pending || undefined} onClick={close}>
          {result ? text.done : text.cancel}
        </View.Close>
      </View.Actions>
    </View.Dialog>
  );
}
