import { STAMP_REWARD_ID } from '@rapport/core';
import { useLoyalty, useMemberToken } from '@rapport/react';
import { Suspense, useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { devWarning } from '../internal/devWarning.js';
import { lazyPanel } from '../internal/lazyPanel.js';
import { useWidgetLocale } from '../internal/useWidgetLocale.js';
import { useWidgetState } from '../internal/useWidgetState.js';
import { WidgetShell } from '../internal/WidgetShell.js';
import { resolveLoyaltyCardMessages, type LoyaltyCardMessages } from './loyaltyCardMessages.js';
import { LoyaltyCardView as View } from './LoyaltyCardView.js';
import { useRedemptionFlow } from './useRedemptionFlow.js';

// Everything past the first render (card, dialog, history, QR code) is one chunk (see `lazyPanel`); the
// member-token and redemption hooks and the stamp card's reward id come in as props too, so it imports nothing
// at run time.
const { Panel: LoyaltyCardPanel, usePreload: usePreloadPanel } = lazyPanel(() =>
  import('./LoyaltyCardPanel.js').then((m) => m.LoyaltyCardPanel),
);

/** Props of {@link LoyaltyCard}: the root `section`'s props (ref, className, aria-*) plus the options below. */
export interface LoyaltyCardProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /** Replaces any of the strings visitors read. Default: English ({@link defaultLoyaltyCardMessages}). */
  messages?: Partial<LoyaltyCardMessages>;
  /** BCP 47 locale for numbers and dates. Default: the visitor's locale, else the site's default locale. */
  locale?: string;
}

/**
 * The visitor's loyalty card: balance (with pending and soon-expiring points), tier and progress to the
 * next, stamp card, rewards to redeem (confirmed in a dialog that shows the code), history, a member QR code
 * for the till, the referral code and a one-off celebration of automatic rewards. Anonymous visitors are
 * invited to sign in. Must be inside `<RapportProvider>`.
 */
export function LoyaltyCard(props: LoyaltyCardProps): ReactNode {
  const { messages, locale: localeProp, ref, ...rest } = props;
  const text = resolveLoyaltyCardMessages(messages);
  const { locale, timeZone } = useWidgetLocale(localeProp);
  const loyalty = useLoyalty();
  const titleId = `${useId()}-title`;
  usePreloadPanel();

  const { card } = loyalty;
  const shell = useWidgetState({
    status: loyalty.status,
    enabled: loyalty.enabled,
    loaded: !!card,
    anonymous: loyalty.isAnonymous,
    ref,
  });
  const { rootRef } = shell;
  if (shell.state === 'disabled') {
    if (process.env.NODE_ENV !== 'production') {
      devWarning('<LoyaltyCard> renders nothing: the site has no loyalty program.');
    }
    return null;
  }

  const shellProps = {
    parts: View,
    shell,
    text: { ...text, loadError: () => text.loadError(loyalty.error) },
    root: { 'aria-labelledby': titleId, tabIndex: -1, ...rest },
    header: (
      <View.Header>
        <View.Title id={titleId}>{text.title(null)}</View.Title>
      </View.Header>
    ),
  };
  if (shell.state !== 'ready' || !card) return <WidgetShell {...shellProps} />;
  return (
    <Suspense fallback={<WidgetShell {...shellProps} loading />}>
      <LoyaltyCardPanel
        {...rest}
        ref={rootRef}
        parts={View}
        text={text}
        loyalty={loyalty}
        useMemberToken={useMemberToken}
        useRedemptionFlow={useRedemptionFlow}
        stampRewardId={STAMP_REWARD_ID}
        card={card}
        locale={locale}
        timeZone={timeZone}
        titleId={titleId}
      />
    </Suspense>
  );
}
