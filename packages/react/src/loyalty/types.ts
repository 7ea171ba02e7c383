// Public types of the loyalty hooks. The widget (`@rapport/widgets`) codes against this file: keep it stable.
import type { LoyaltyAccountSummary, MemberToken, RapportError, RedemptionResult } from '@rapport/core';
import type { RapportQueryStatus } from '../RapportQueryStatus.js';

/**
 * What {@link useLoyalty} returns: the loyalty slot of the bootstrap response (no extra request) and the
 * visitor's actions. Actions never reject: they resolve with their result, or `null` when the server refused
 * (or the request could not be sent); the error is then in `lastError`.
 */
export interface LoyaltyResult {
  /** `loading` before the bootstrap answer, `error` when it failed, `ready` with data. */
  status: RapportQueryStatus;
  /** Why loading failed, or `null`. Switch on `error.code`. */
  error: RapportError | null;
  /** True when the site has a loyalty program and the card switched on. `false` while loading. */
  enabled: boolean;
  /** True when the visitor is not signed in: there is no card to show (invite them to sign in). */
  isAnonymous: boolean;
  /**
   * The visitor's card: balance, pending, next expiry, tier and progress, stamps, rewards with the gap to
   * each, history, celebration, referral code. Optimistic while a redemption is in flight (the cost is taken
   * off at once and put back if the server refuses). `null` while loading, when switched off, or anonymous.
   */
  card: LoyaltyAccountSummary | null;
  /**
   * Spends points on a reward (or claims a full stamp card with `STAMP_REWARD_ID`). One idempotency key per
   * call, reused on retries, so a flaky connection never redeems twice. Resolves with the code and what to do
   * with it; `null` when refused (`insufficient_points`, `not_found`, `forbidden`, network): the balance is
   * rolled back and `lastError` says why.
   */
  redeem(rewardId: string): Promise<RedemptionResult | null>;
  /** True while a redemption is in flight. */
  isRedeeming: boolean;
  /** The last successful redemption in this component (its code stays readable after the dialog closes), or `null`. */
  lastRedemption: RedemptionResult | null;
  /**
   * Marks the card's celebration (welcome, birthday, anniversary reward) as seen, so it shows once.
   * Resolves `true` when the server recorded it.
   */
  dismissCelebration(): Promise<boolean>;
  /** Reloads the card from the server (after the business awarded points, say). */
  refresh(): Promise<void>;
  /** Why the last action failed, or `null`. */
  lastError: RapportError | null;
  /** Clears `lastError`. */
  clearError(): void;
}

/** Options of {@link useMemberToken}. */
export interface MemberTokenOptions {
  /**
   * Fetch a token (and keep it fresh) only while `true`, e.g. while the QR code is shown. Default: `true`.
   */
  enabled?: boolean;
  /** Fetch a new token this many milliseconds before the current one expires. Default: `30_000`. */
  refreshBeforeMs?: number;
}

/**
 * What {@link useMemberToken} returns: a short-lived signed member token and its QR code (drawn by the
 * server), renewed before it expires while enabled.
 */
export interface MemberTokenResult {
  /** `loading` until the first token, `error` when it could not be fetched, `ready` with a token. */
  status: RapportQueryStatus;
  /** The token, its expiry and its QR code, or `null`. */
  token: MemberToken | null;
  /** Why fetching failed, or `null`. */
  error: RapportError | null;
}
