import type { RapportError } from '@rapport/core';
import { useState, type ReactNode } from 'react';
import type { LocaleFormat } from '../internal/useLocaleFormat.js';
import type { LoyaltyCardMessages } from './loyaltyCardMessages.js';
import type { LoyaltyCardParts } from './LoyaltyCardView.js';
import type { RedeemTarget, RedemptionFlowResult } from './useRedemptionFlow.js';

interface DialogProps {
  parts: LoyaltyCardParts;
  text: LoyaltyCardMessages;
  format: LocaleFormat;
  pointsName: string;
  /** What is being redeemed. */
  target: RedeemTarget;
  /** The card's {@link useRedemptionFlow}. */
  flow: RedemptionFlowResult;
  /** Why the redemption was refused (`useLoyalty().lastError`). */
  error: RapportError | null;
  /** Copies a code, resolving whether it worked; absent without a clipboard. */
  copy: ((code: string) => Promise<boolean>) | undefined;
}

/** Confirm, redeem, then the code and what to do with it, in a native modal dialog (behaviour: the flow's). */
export function LoyaltyRedeemDialog(props: DialogProps): ReactNode {
  const { parts: View, text, format, pointsName, target, flow, error, copy } = props;
  const [copied, setCopied] = useState(false);
  const { result, step } = flow;
  const pending = step === 'pending';

  return (
    <View.Dialog {...flow.dialogProps}>
      <View.DialogTitle {...flow.titleProps}>
        {result
          ? text.redeemed(result.rewardName)
          : target.cost
            ? text.confirm(format.number(target.cost), pointsName, target.name)
            : text.confirmClaim(target.name)}
      </View.DialogTitle>
      {result ? (
        <View.Result {...flow.resultProps}>
          <View.Note state="code">{text.code}</View.Note>
          <View.Code state="redemption">{result.code}</View.Code>
          {result.instruction && <View.Note state="instruction">{result.instruction}</View.Note>}
        </View.Result>
      ) : (
        step === 'failed' && <View.Error role="alert">{text.redeemError(error)}</View.Error>
      )}
      <View.Actions>
        {result ? (
          copy && (
            <View.Copy onClick={() => void copy(result.code).then(setCopied)}>
              {copied ? text.copied : text.copy}
            </View.Copy>
          )
        ) : (
          <View.Confirm {...flow.confirmProps}>{pending ? text.redeeming : text.confirmButton}</View.Confirm>
        )}
        <View.Close {...flow.closeProps}>{result ? text.done : text.cancel}</View.Close>
      </View.Actions>
    </View.Dialog>
  );
}
