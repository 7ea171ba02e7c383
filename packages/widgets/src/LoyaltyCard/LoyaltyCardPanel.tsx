import type { LoyaltyAccountSummary } from '@rapport/core';
import type { LoyaltyResult, useMemberToken } from '@rapport/react';
import { useState, type ComponentPropsWithRef, type ReactNode } from 'react';
import { useLocaleFormat } from '../internal/useLocaleFormat.js';
import { LoyaltyCardBody } from './LoyaltyCardBody.js';
import type { LoyaltyCardMessages } from './loyaltyCardMessages.js';
import type { LoyaltyCardParts } from './LoyaltyCardView.js';
import { LoyaltyMemberCode } from './LoyaltyMemberCode.js';
import { LoyaltyRedeemDialog } from './LoyaltyRedeemDialog.js';
import type { useRedemptionFlow } from './useRedemptionFlow.js';

interface PanelProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /** The parts to render with, passed in so this lazy chunk shares no module with the index. */
  parts: LoyaltyCardParts;
  text: LoyaltyCardMessages;
  /** `useLoyalty()`'s result: its actions and errors. */
  loyalty: LoyaltyResult;
  /** `@rapport/react`'s hook, passed in (like the parts) so this chunk imports nothing at run time. */
  useMemberToken: typeof useMemberToken;
  /** The package's own hook, passed in too: a page with every widget then loads it once, with no shared chunk. */
  useRedemptionFlow: typeof useRedemptionFlow;
  /** `STAMP_REWARD_ID`: what Claim redeems. */
  stampRewardId: string;
  card: LoyaltyAccountSummary;
  /** Locale and time zone for numbers and dates (`undefined`: the browser's). */
  locale: string | undefined;
  timeZone: string | undefined;
  titleId: string;
}

/**
 * One announcement: its text (`null`: the refused redemption, worded from the hook's `lastError`), whether it
 * reports a failure, and a counter so a repeat is announced again.
 */
type Announcement = [text: string | null, failed: boolean, seq: number];

/** The card once loaded: header, points, tier, stamps, rewards, history, member code, dialog and status. */
export function LoyaltyCardPanel(props: PanelProps): ReactNode {
  const { parts: View, text, loyalty, stampRewardId, card, locale, timeZone, titleId, ...rest } = props;
  const { useMemberToken, useRedemptionFlow, ...root } = rest;
  const format = useLocaleFormat(locale, timeZone);
  const [[said, failed, seq], setAnnouncement] = useState<Announcement>(['', false, 0]);
  const announce = (message: string | null, isFailure = false) => setAnnouncement((a) => [message, isFailure, a[2] + 1]);
  const [celebrationHidden, setCelebrationHidden] = useState(false);

  const clipboard = globalThis.navigator?.clipboard;
  const copy = clipboard
    ? (code: string) =>
        clipboard.writeText(code).then(
          () => (announce(text.copied), true),
          () => (announce(text.copyFailed, true), false),
        )
    : undefined;
  const flow = useRedemptionFlow({
    redeem: loyalty.redeem,
    onRedeemed: (result) => announce(text.redeemed(result.rewardName)),
    onFailed: () => announce(null, true),
  });

  const name = card.pointsName;
  const { tier, celebration } = card;

  return (
    <View.Root tabIndex={-1} aria-labelledby={titleId} {...root} state="ready">
      <View.Header>
        <View.Title id={titleId}>{text.title(name)}</View.Title>
        <View.Tier>{text.tier(tier.name)}</View.Tier>
        {tier.perks && <View.Perks>{tier.perks}</View.Perks>}
      </View.Header>
      {celebration && !celebrationHidden && (
        <View.Celebration state={celebration.kind}>
          {text.celebration(celebration.kind, format.number(celebration.points), name)}
          <View.Dismiss
            aria-label={text.dismiss}
            onClick={(e) => {
              setCelebrationHidden(true);
              // The button goes away: keep focus in the card (its root), not on the page.
              e.currentTarget.closest('section')?.focus();
              void loyalty.dismissCelebration();
            }}
          >
            <span aria-hidden="true">×</span>
          </View.Dismiss>
        </View.Celebration>
      )}
      <LoyaltyCardBody parts={View} text={text} card={card} format={format} stampRewardId={stampRewardId} flow={flow} />
      <LoyaltyMemberCode
        parts={View}
        text={text}
        format={format}
        useMemberToken={useMemberToken}
        referralCode={card.referralCode}
        copy={copy}
      />
      {flow.target && (
        <LoyaltyRedeemDialog
          parts={View}
          text={text}
          format={format}
          pointsName={name}
          target={flow.target}
          flow={flow}
          error={loyalty.lastError}
          copy={copy}
        />
      )}
      <View.Status state={seq === 0 ? 'idle' : failed ? 'failed' : 'success'}>
        {/* Keyed, so the same sentence twice in a row is announced twice. */}
        {seq > 0 && <span key={seq}>{said ?? text.redeemError(loyalty.lastError)}</span>}
      </View.Status>
    </View.Root>
  );
}
