import type { useMemberToken } from '@rapport/react';
import { useState, type ReactNode } from 'react';
import type { LocaleFormat } from '../internal/useLocaleFormat.js';
import type { LoyaltyCardMessages } from './loyaltyCardMessages.js';
import type { LoyaltyCardParts } from './LoyaltyCardView.js';

interface MemberCodeProps {
  parts: LoyaltyCardParts;
  text: LoyaltyCardMessages;
  format: LocaleFormat;
  /** `@rapport/react`'s hook, passed in so the lazy chunk imports nothing at run time. */
  useMemberToken: typeof useMemberToken;
  referralCode: string;
  /** Copies a code; absent without a clipboard (the code stays selectable). */
  copy: ((code: string) => Promise<boolean>) | undefined;
}

/**
 * The member QR code for the till, fetched only once the visitor asks for it (and renewed by the hook before
 * it expires), and the referral code. The server draws the code: this only frames its path.
 */
export function LoyaltyMemberCode(props: MemberCodeProps): ReactNode {
  const { parts: View, text, format, useMemberToken, referralCode, copy } = props;
  const [shown, setShown] = useState(false);
  const { token, status } = useMemberToken({ enabled: shown });
  // Scanners need the quiet zone (4 modules) and dark on light, in the dark theme too.
  const side = (token?.qr.size ?? 0) + 8;

  return (
    <View.Section state="member">
      <View.MemberToggle state={shown ? 'shown' : 'hidden'} aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? text.hideCode : text.showCode}
      </View.MemberToggle>
      {shown &&
        (token ? (
          <>
            <View.Qr role="img" aria-label={text.qr} viewBox={`-4 -4 ${side} ${side}`} shapeRendering="crispEdges">
              <rect x={-4} y={-4} width={side} height={side} fill="#fff" />
              <path d={token.qr.path} fill="#000" />
            </View.Qr>
            <View.Note state="qr">{text.qrValid(format.time(token.expiresAt))}</View.Note>
          </>
        ) : status === 'error' ? (
          <View.Error>{text.qrError}</View.Error>
        ) : (
          <View.Note state="qr">{text.qrLoading}</View.Note>
        ))}
      <View.Referral>
        {text.referral} <View.Code state="referral">{referralCode}</View.Code>{' '}
        {copy && <View.Copy onClick={() => void copy(referralCode)}>{text.copy}</View.Copy>}
      </View.Referral>
    </View.Section>
  );
}
