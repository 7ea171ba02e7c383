import type { LedgerEntryType } from '@rapport/core';
import { BUTTON_PART, createParts, LOADING_TEXT_PART } from '../parts/createPart.js';

/**
 * States of the whole card, on `LoyaltyCardView.Root`'s `data-state`: `loading`, `error` (the card could not
 * be loaded), `anonymous` (sign in first), `ready`, and `disabled` (the site has no loyalty program:
 * `<LoyaltyCard />` then renders nothing; the state is there for layouts of your own).
 */
export type LoyaltyCardState = 'loading' | 'error' | 'ready' | 'anonymous' | 'disabled';

/** Steps of the redemption dialog: `confirm`, `pending` (in flight), `done` (code shown), `failed` (refused). */
export type LoyaltyRedeemState = 'confirm' | 'pending' | 'done' | 'failed';

/** What a `Note` says, on its `data-state`. */
export type LoyaltyNoteState =
  | 'pending'
  | 'expiry'
  | 'next-tier'
  | 'top-tier'
  | 'keep-tier'
  | 'stamps'
  | 'stamp-reward'
  | 'qr'
  | 'code'
  | 'instruction';


/**
 * The parts of the loyalty card, for building your own layout around the same data. Each forwards its ref,
 * spreads props, merges `className` after its `rapport-loyalty-card…` class and sets `data-slot` /
 * `data-state`. `<LoyaltyCard />` is these parts wired to `useLoyalty()` and `useMemberToken()`.
 */
export const LoyaltyCardView = createParts('loyalty-card', (part) => ({
  /** The container (a `<section>`; label it with `aria-labelledby` → `Title`). `state`: {@link LoyaltyCardState}. */
  Root: part<'section', LoyaltyCardState>('root', 'section'),
  /** The title row: title, tier and perks. */
  Header: part<'div'>('header', 'div'),
  /** The card's heading, an `<h2>`. */
  Title: part<'h2'>('title', 'h2'),
  /** The visitor's tier ("Gold member"). */
  Tier: part<'p'>('tier', 'p'),
  /** What the tier gives (business text). */
  Perks: part<'p'>('perks', 'p'),
  /** A reward granted automatically, shown once. `state`: `welcome | birthday | anniversary`. */
  Celebration: part<'div', 'welcome' | 'birthday' | 'anniversary'>('celebration', 'div'),
  /** Hides the celebration for good. Icon-only: give it an `aria-label`. `type="button"` by default. */
  Dismiss: part<'button'>('dismiss', 'button', { defaults: { type: 'button' } }),
  /** The balance and its notes. */
  Points: part<'div'>('points', 'div'),
  /** The balance line: `BalanceValue` and what it is ("Beans to spend"). */
  Balance: part<'p'>('balance', 'p'),
  /** The spendable points, large. */
  BalanceValue: part<'strong'>('balance-value', 'strong'),
  /** A line of supporting text. `state`: {@link LoyaltyNoteState}. */
  Note: part<'p', LoyaltyNoteState>('note', 'p'),
  /** Progress to the next tier. `state`: `climbing | top`. */
  Progress: part<'div', 'climbing' | 'top'>('progress', 'div'),
  /** The native `<progress>` (role `progressbar`); pass `value`, `max`, `aria-label` and `aria-valuetext`. */
  Meter: part<'progress'>('meter', 'progress'),
  /** The stamp card. `state`: `collecting | ready` (a full card to claim). */
  Stamps: part<'div', 'collecting' | 'ready'>('stamps', 'div'),
  /** The row of stamps, hidden from assistive technology (a `Note` says "3 of 9 stamps"). */
  StampRow: part<'div'>('stamp-row', 'div', { defaults: { 'aria-hidden': true } }),
  /** One stamp. `state`: `filled | empty`. */
  Stamp: part<'span', 'filled' | 'empty'>('stamp', 'span'),
  /** Claims a full stamp card. `type="button"` by default. */
  Claim: part<'button'>('claim', 'button', BUTTON_PART),
  /** A titled block: rewards, history or the member code. */
  Section: part<'div', 'rewards' | 'history' | 'member'>('section', 'div'),
  /** A block's heading, an `<h3>`. */
  Heading: part<'h3'>('heading', 'h3'),
  /** The rewards, a `<ul>`. */
  Rewards: part<'ul'>('rewards', 'ul'),
  /** One reward. `state`: `available | locked` (not enough points). */
  Reward: part<'li', 'available' | 'locked'>('reward', 'li'),
  /** The reward's name (give it an `id` to name its Redeem button). */
  RewardName: part<'p'>('reward-name', 'p'),
  /** The reward's description (business text). */
  RewardDescription: part<'p'>('reward-description', 'p'),
  /** The reward's cost. */
  Cost: part<'p'>('cost', 'p'),
  /** Points still missing for a reward ("120 more Beans"), shown instead of Redeem. */
  Gap: part<'p'>('gap', 'p'),
  /** Opens the confirmation. `type="button"` by default. */
  Redeem: part<'button'>('redeem', 'button', BUTTON_PART),
  /** The history, an `<ol>`, newest first. */
  History: part<'ol'>('history', 'ol'),
  /** One history line. `state`: the entry type (`earn | redeem | expire | reverse | adjust`). */
  Entry: part<'li', LedgerEntryType>('entry', 'li'),
  /** What happened and why ("Earned · Order #1042"). */
  EntryReason: part<'span'>('entry-reason', 'span'),
  /** The signed points of a line. */
  EntryPoints: part<'span'>('entry-points', 'span'),
  /** When: a `<time>`; pass `dateTime`. */
  EntryDate: part<'time'>('entry-date', 'time'),
  /** "pending" on points not spendable yet. */
  Tag: part<'span'>('tag', 'span'),
  /** Shows or hides the member QR code. `type="button"` by default. `state`: `shown | hidden`. */
  MemberToggle: part<'button', 'shown' | 'hidden'>('member-toggle', 'button', BUTTON_PART),
  /** The member QR code, an `<svg role="img">` on a white ground (scanners need it); name it with `aria-label`. */
  Qr: part<'svg'>('qr', 'svg'),
  /** The referral line: label, `Code` and `Copy`. */
  Referral: part<'p'>('referral', 'p'),
  /** A code to read out or type: the referral code or a redemption's. `state`: `referral | redemption`. */
  Code: part<'code', 'referral' | 'redemption'>('code', 'code'),
  /** Copies a code to the clipboard. `type="button"` by default. */
  Copy: part<'button'>('copy', 'button', BUTTON_PART),
  /**
   * The redemption dialog, a native `<dialog>`: open it with `showModal()` (focus moves in, the page behind is
   * inert, Escape closes it). `state`: {@link LoyaltyRedeemState}.
   */
  Dialog: part<'dialog', LoyaltyRedeemState>('dialog', 'dialog'),
  /** The dialog's heading, an `<h3>` (give it an `id` to name the dialog). */
  DialogTitle: part<'h3'>('dialog-title', 'h3'),
  /** The redemption's outcome: code and instruction. Takes focus (`tabIndex={-1}`) when shown. */
  Result: part<'div'>('result', 'div'),
  /** The row of buttons in the dialog. */
  Actions: part<'div'>('actions', 'div'),
  /** Confirms the redemption. `type="button"` by default. `state`: `idle | pending`. */
  Confirm: part<'button', 'idle' | 'pending'>('confirm', 'button', BUTTON_PART),
  /** Cancel or Done: closes the dialog. `type="button"` by default. */
  Close: part<'button'>('close', 'button', BUTTON_PART),
  /** Why loading or a redemption failed (in the dialog with `role="alert"`). */
  Error: part<'p'>('error', 'p'),
  /**
   * Announces redemptions, copies and failures (`role="status"`, polite). Keep it mounted and change its text.
   * `state`: `idle | success | failed`.
   */
  Status: part<'div', 'idle' | 'success' | 'failed'>('status', 'div', { defaults: { role: 'status' } }),
  /** Shown to an anonymous visitor: the card belongs to a signed-in member. */
  SignIn: part<'p'>('sign-in', 'p'),
  /** Loads again after an error. `type="button"` by default. `state`: `idle | pending`. */
  Retry: part<'button', 'idle' | 'pending'>('retry', 'button', BUTTON_PART),
  /** Placeholder blocks shown while loading (hidden from assistive technology). */
  Skeleton: part<'div'>('skeleton', 'div', { defaults: { 'aria-hidden': true } }),
  /** Text for screen readers while loading (visually hidden). */
  LoadingText: part<'span'>('loading-text', 'span', LOADING_TEXT_PART),
}));

/** The type of {@link LoyaltyCardView}. */
export type LoyaltyCardParts = typeof LoyaltyCardView;
