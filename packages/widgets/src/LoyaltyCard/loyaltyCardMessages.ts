import type { CelebrationKind, LedgerEntryType, RapportError } from '@rapport/core';
import { resolveMessages } from '../internal/resolveMessages.js';
import { loadErrorText } from '../internal/setupRefusal.js';

/**
 * Every string a visitor reads in {@link LoyaltyCard}. Pass any subset as `messages` to replace them.
 * Numbers (`points`) and dates arrive already formatted with `Intl` for the card's locale; `name` is the
 * program's name for its points ("Beans"). Tier, reward and history wording comes from the business.
 */
export interface LoyaltyCardMessages {
  /** The heading. Default: `(name) => name ? \`Your ${name}\` : 'Your rewards'` (`null` while loading). */
  title: (name: string | null) => string;
  /** Read by screen readers while loading. Default: `'Loading your card…'`. */
  loading: string;
  /**
   * The card could not be loaded. Default: a network-specific sentence;
   * `'This widget isn’t set up for this site yet.'` when the server refuses the page's origin or key
   * (`origin_not_allowed`, `unknown_publishable_key`); otherwise `'We couldn’t load your card.'`.
   */
  loadError: (error: RapportError | null) => string;
  /** The retry button. Default: `'Retry'`. */
  retry: string;
  /** For an anonymous visitor. Default: `'Sign in to collect points and spend them on rewards.'`. */
  signIn: string;
  /** The tier line. Default: `(tier) => \`${tier} member\``. */
  tier: (tier: string) => string;
  /** Under the big balance. Default: `(name) => \`${name} to spend\``. */
  balance: (name: string) => string;
  /** Earned points not spendable yet. Default: `(points, name) => \`${points} ${name} pending\``. */
  pending: (points: string, name: string) => string;
  /** The next expiry. Default: `(points, name, date) => \`${points} ${name} expire on ${date}\``. */
  expiry: (points: string, name: string, date: string) => string;
  /** The progress bar's name. Default: `(tier) => \`Progress to ${tier}\``. */
  progress: (tier: string) => string;
  /** Points to the next tier. Default: `(points, name, tier) => \`${points} more ${name} to ${tier}\``. */
  toNextTier: (points: string, name: string, tier: string) => string;
  /** At the top tier. Default: `(tier) => \`You’re at our top tier, ${tier}.\``. */
  topTier: (tier: string) => string;
  /**
   * With tier retention: points to earn before `by` (the date the tier would be lost, formatted like `expiry`'s)
   * to keep it. Default: `(points, name, tier, by) => \`Earn ${points} more ${name} by ${by} to keep ${tier}\``.
   */
  keepTier: (points: string, name: string, tier: string, by: string) => string;
  /** The stamp count. Default: `(collected, size) => \`${collected} of ${size} stamps\``. */
  stamps: (collected: string, size: string) => string;
  /** Claims a full stamp card. Default: `'Claim'`. */
  claim: string;
  /** The rewards heading. Default: `'Rewards'`. */
  rewards: string;
  /** A cost. Default: `(points, name) => \`${points} ${name}\``. */
  cost: (points: string, name: string) => string;
  /** Instead of Redeem when the balance is short. Default: `(points, name) => \`${points} more ${name}\``. */
  gap: (points: string, name: string) => string;
  /** Opens the confirmation (named with the reward). Default: `'Redeem'`. */
  redeem: string;
  /** The confirmation. Default: `(points, name, reward) => \`Spend ${points} ${name} on ${reward}?\``. */
  confirm: (points: string, name: string, reward: string) => string;
  /** The confirmation of a stamp card claim. Default: `(reward) => \`Claim “${reward}” now?\``. */
  confirmClaim: (reward: string) => string;
  /** Confirms. Default: `'Confirm'`. */
  confirmButton: string;
  /** Confirm while in flight. Default: `'Redeeming…'`. */
  redeeming: string;
  /** Closes the confirmation. Default: `'Cancel'`. */
  cancel: string;
  /** Heading of the result, also announced. Default: `(reward) => \`Redeemed: ${reward}\``. */
  redeemed: (reward: string) => string;
  /** Labels the code. Default: `'Your code'`. */
  code: string;
  /** Closes the result. Default: `'Done'`. */
  done: string;
  /** A refused redemption (`role="alert"`). Default: a sentence for `insufficient_points`, `network`, or any other. */
  redeemError: (error: RapportError | null) => string;
  /** The history heading. Default: `'History'`. */
  history: string;
  /** A history line's kind. Default: `Earned`, `Redeemed`, `Expired`, `Reversed`, `Adjusted`. */
  entry: Record<LedgerEntryType, string>;
  /** Tag on a pending history line. Default: `'pending'`. */
  pendingTag: string;
  /** Shows the member QR code. Default: `'Show my member code'`. */
  showCode: string;
  /** Hides it. Default: `'Hide my member code'`. */
  hideCode: string;
  /** The QR code's accessible name. Default: `'Member QR code: show it at the till'`. */
  qr: string;
  /** Under the QR code. Default: `(time) => \`Valid until ${time}, renewed automatically\``. */
  qrValid: (time: string) => string;
  /** While the QR code loads. Default: `'Loading your member code…'`. */
  qrLoading: string;
  /** The QR code could not be loaded. Default: `'We couldn’t load your member code.'`. */
  qrError: string;
  /** Before the referral code. Default: `'Your referral code:'`. */
  referral: string;
  /** Copies a code. Default: `'Copy'`. */
  copy: string;
  /** Announced after copying (and the Copy button's label in the dialog). Default: `'Copied'`. */
  copied: string;
  /** Announced when copying failed. Default: `'Couldn’t copy: select the code and copy it yourself.'`. */
  copyFailed: string;
  /** The celebration banner. Default: a welcome, birthday or anniversary sentence with the points. */
  celebration: (kind: CelebrationKind, points: string, name: string) => string;
  /** Accessible name of the banner's × button. Default: `'Dismiss'`. */
  dismiss: string;
}

/** The English defaults of {@link LoyaltyCardMessages}. */
export const defaultLoyaltyCardMessages: LoyaltyCardMessages = {
  title: (name) => (name ? `Your ${name}` : 'Your rewards'),
  loading: 'Loading your card…',
  loadError: (error) => loadErrorText(error, 'We couldn’t load your card.'),
  retry: 'Retry',
  signIn: 'Sign in to collect points and spend them on rewards.',
  tier: (tier) => `${tier} member`,
  balance: (name) => `${name} to spend`,
  pending: (points, name) => `${points} ${name} pending`,
  expiry: (points, name, date) => `${points} ${name} expire on ${date}`,
  progress: (tier) => `Progress to ${tier}`,
  toNextTier: (points, name, tier) => `${points} more ${name} to ${tier}`,
  topTier: (tier) => `You’re at our top tier, ${tier}.`,
  keepTier: (points, name, tier, by) => `Earn ${points} more ${name} by ${by} to keep ${tier}`,
  stamps: (collected, size) => `${collected} of ${size} stamps`,
  claim: 'Claim',
  rewards: 'Rewards',
  cost: (points, name) => `${points} ${name}`,
  gap: (points, name) => `${points} more ${name}`,
  redeem: 'Redeem',
  confirm: (points, name, reward) => `Spend ${points} ${name} on ${reward}?`,
  confirmClaim: (reward) => `Claim “${reward}” now?`,
  confirmButton: 'Confirm',
  redeeming: 'Redeeming…',
  cancel: 'Cancel',
  redeemed: (reward) => `Redeemed: ${reward}`,
  code: 'Your code',
  done: 'Done',
  redeemError: (error) =>
    error?.code === 'insufficient_points'
      ? 'You don’t have enough spendable points for this yet.'
      : error?.code === 'network'
        ? 'We couldn’t reach the server. Check your connection and try again.'
        : 'We couldn’t redeem this reward. Please try again.',
  history: 'History',
  entry: { earn: 'Earned', redeem: 'Redeemed', expire: 'Expired', reverse: 'Reversed', adjust: 'Adjusted' },
  pendingTag: 'pending',
  showCode: 'Show my member code',
  hideCode: 'Hide my member code',
  qr: 'Member QR code: show it at the till',
  qrValid: (time) => `Valid until ${time}, renewed automatically`,
  qrLoading: 'Loading your member code…',
  qrError: 'We couldn’t load your member code.',
  referral: 'Your referral code:',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Couldn’t copy: select the code and copy it yourself.',
  celebration: (kind, points, name) =>
    kind === 'welcome'
      ? `Welcome! ${points} ${name} to start you off`
      : `Happy ${kind}! ${points} ${name} from us to celebrate`,
  dismiss: 'Dismiss',
};

/** Merges overrides over the defaults; in development, warns about unknown keys and empty labels. */
export function resolveLoyaltyCardMessages(overrides?: Partial<LoyaltyCardMessages>): LoyaltyCardMessages {
  return resolveMessages('LoyaltyCard', defaultLoyaltyCardMessages, overrides);
}
