import { STAMP_REWARD_ID } from '@rapport/core';
import { useLoyalty, useMemberToken, useVisitor } from '@rapport/react';
import { Suspense, useEffect, useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { devWarning } from '../internal/devWarning.js';
import { lazyPanel } from '../internal/lazyPanel.js';
import { LoadError } from '../internal/LoadError.js';
import { resolveLoyaltyCardMessages, type LoyaltyCardMessages } from './loyaltyCardMessages.js';
import { LoyaltyCardView as View, type LoyaltyCardState } from './LoyaltyCardView.js';

// Everything past the first render (card, dialog, history, QR code) is one chunk (see `lazyPanel`); the
// member-token hook and the stamp card's reward id come in as props too, so it imports nothing at run time.
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
  const { messages, locale, ...rest } = props;
  const text = resolveLoyaltyCardMessages(messages);
  const visitor = useVisitor();
  const loyalty = useLoyalty();
  const titleId = `${useId()}-title`;
  usePreloadPanel();

  const { status, card, enabled } = loyalty;
  const off = status === 'ready' && !enabled;
  useEffect(() => {
    if (off) devWarning('<LoyaltyCard> renders nothing: the site has no loyalty program.');
  }, [off]);
  if (off) return null;

  const shell = (state: LoyaltyCardState, body: ReactNode) => (
    <View.Root aria-labelledby={titleId} aria-busy={state === 'loading' || undefined} {...rest} state={state}>
      <View.Header>
        <View.Title id={titleId}>{text.title(null)}</View.Title>
      </View.Header>
      {body}
    </View.Root>
  );
  const loading = shell(
    'loading',
    <>
      <View.Skeleton />
      <span className="rapport-visually-hidden">{text.loading}</span>
    </>,
  );

  if (loyalty.isAnonymous) return shell('anonymous', <View.SignIn>{text.signIn}</View.SignIn>);
  if (status === 'loading' || (status === 'ready' && !card)) return loading;
  if (!card) {
    return shell(
      'error',
      <LoadError parts={View} message={text.loadError(loyalty.error)} retry={text.retry} visitor={visitor} />,
    );
  }
  return (
    <Suspense fallback={loading}>
      <LoyaltyCardPanel
        {...rest}
        parts={View}
        text={text}
        loyalty={loyalty}
        useMemberToken={useMemberToken}
        stampRewardId={STAMP_REWARD_ID}
        card={card}
        locale={locale ?? visitor.data?.locale ?? visitor.site?.defaultLocale}
        timeZone={visitor.data?.timeZone ?? undefined}
        titleId={titleId}
      />
    </Suspense>
  );
}
