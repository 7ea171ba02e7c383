import type { LoyaltyAccountSummary } from '@rapport/core';
import type { LoyaltyResult, useMemberToken } from '@rapport/react';
import { useId, useState, type ComponentPropsWithRef, type ReactNode, type SyntheticEvent } from 'react';
import { useLocaleFormat } from '../internal/useLocaleFormat.js';
import type { LoyaltyCardMessages } from './loyaltyCardMessages.js';
import type { LoyaltyCardParts } from './LoyaltyCardView.js';
import { LoyaltyMemberCode } from './LoyaltyMemberCode.js';
import { LoyaltyRedeemDialog, type RedeemTarget } from './LoyaltyRedeemDialog.js';

interface PanelProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /** The parts to render with, passed in so this lazy chunk shares no module with the index. */
  parts: LoyaltyCardParts;
  text: LoyaltyCardMessages;
  /** `useLoyalty()`'s result: its actions and errors. */
  loyalty: LoyaltyResult;
  /** `@rapport/react`'s hook, passed in (like the parts) so this chunk imports nothing at run time. */
  useMemberToken: typeof useMemberToken;
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
  const { parts: View, text, loyalty, useMemberToken, stampRewardId, card, locale, timeZone, titleId, ...root } =
    props;
  const format = useLocaleFormat(locale, timeZone);
  const n = format.number;
  const id = useId();
  const [[said, failed, seq], setAnnouncement] = useState<Announcement>(['', false, 0]);
  const announce = (message: string | null, isFailure = false) => setAnnouncement((a) => [message, isFailure, a[2] + 1]);
  const [target, setTarget] = useState<(RedeemTarget & { from: HTMLElement }) | null>(null);
  const [celebrationHidden, setCelebrationHidden] = useState(false);

  const clipboard = globalThis.navigator?.clipboard;
  const copy = clipboard
    ? (code: string) =>
        clipboard.writeText(code).then(
          () => (announce(text.copied), true),
          () => (announce(text.copyFailed, true), false),
        )
    : undefined;
  /** Keeps focus in the card (its root) when the element holding it goes away, rather than on the page. */
  const focusCard = (e: SyntheticEvent<HTMLElement>) => e.currentTarget.closest('section')?.focus();
  // Focus goes back to the button that opened the dialog or, when that button is gone (the reward is now out
  // of reach, the stamp card claimed), to the card.
  const closeDialog = (e: SyntheticEvent<HTMLElement>) => {
    setTarget(null);
    if (target?.from.isConnected) target.from.focus();
    else focusCard(e);
  };

  const name = card.pointsName;
  const { tier, stamps, celebration } = card;
  const toNext = tier.next && text.toNextTier(n(tier.next.pointsNeeded), name, tier.next.name);
  const stampCount = stamps && (stamps.ready > 0 ? stamps.size : stamps.collected);
  const stampNoteId = `${id}-stamp`;

  return (
    <View.Root tabIndex={-1} aria-labelledby={titleId} {...root} state="ready">
      <View.Header>
        <View.Title id={titleId}>{text.title(name)}</View.Title>
        <View.Tier>{text.tier(tier.name)}</View.Tier>
        {tier.perks && <View.Perks>{tier.perks}</View.Perks>}
      </View.Header>
      {celebration && !celebrationHidden && (
        <View.Celebration state={celebration.kind}>
          {text.celebration(celebration.kind, n(celebration.points), name)}
          <View.Dismiss
            aria-label={text.dismiss}
            onClick={(e) => {
              setCelebrationHidden(true);
              focusCard(e);
              void loyalty.dismissCelebration();
            }}
          >
            <span aria-hidden="true">×</span>
          </View.Dismiss>
        </View.Celebration>
      )}
      <View.Points>
        <View.Balance>
          <View.BalanceValue>{n(card.balance)}</View.BalanceValue> {text.balance(name)}
        </View.Balance>
        {card.pending > 0 && <View.Note state="pending">{text.pending(n(card.pending), name)}</View.Note>}
        {card.nextExpiry && (
          <View.Note state="expiry">
            {text.expiry(n(card.nextExpiry.points), name, format.date(card.nextExpiry.at))}
          </View.Note>
        )}
      </View.Points>
      <View.Progress state={tier.next ? 'climbing' : 'top'}>
        {tier.next ? (
          <>
            <View.Meter
              value={tier.progress}
              max={1}
              aria-label={text.progress(tier.next.name)}
              aria-valuetext={toNext!}
            />
            <View.Note state="next-tier">{toNext}</View.Note>
          </>
        ) : (
          <View.Note state="top-tier">{text.topTier(tier.name)}</View.Note>
        )}
        {tier.keepBy && (
          <View.Note state="keep-tier">
            {text.keepTier(n(tier.pointsToKeep), name, tier.name, format.date(tier.keepBy))}
          </View.Note>
        )}
      </View.Progress>
      {stamps && (
        <View.Stamps state={stamps.ready > 0 ? 'ready' : 'collecting'}>
          <View.StampRow>
            {Array.from({ length: stamps.size }, (_, i) => (
              <View.Stamp key={i} state={i < stampCount! ? 'filled' : 'empty'} />
            ))}
          </View.StampRow>
          <View.Note state="stamps">{text.stamps(n(stampCount!), n(stamps.size))}</View.Note>
          <View.Note state="stamp-reward" id={stampNoteId}>
            {stamps.reward}
          </View.Note>
          {stamps.ready > 0 && (
            <View.Claim
              aria-describedby={stampNoteId}
              onClick={(e) => setTarget({ id: stampRewardId, name: stamps.reward, cost: 0, from: e.currentTarget })}
            >
              {text.claim}
            </View.Claim>
          )}
        </View.Stamps>
      )}
      {card.rewards.length > 0 && (
        <View.Section state="rewards">
          <View.Heading>{text.rewards}</View.Heading>
          <View.Rewards>
            {card.rewards.map((reward) => {
              const nameId = `${id}-${reward.id}`;
              return (
                <View.Reward key={reward.id} state={reward.gap > 0 ? 'locked' : 'available'}>
                  <View.RewardName id={nameId}>{reward.name}</View.RewardName>
                  {reward.description && <View.RewardDescription>{reward.description}</View.RewardDescription>}
                  <View.Cost>{text.cost(n(reward.cost), name)}</View.Cost>
                  {reward.gap > 0 ? (
                    <View.Gap>{text.gap(n(reward.gap), name)}</View.Gap>
                  ) : (
                    // Named "Redeem <reward>": the visible word first, then the reward's name.
                    <View.Redeem
                      id={`${nameId}-redeem`}
                      aria-labelledby={`${nameId}-redeem ${nameId}`}
                      onClick={(e) => setTarget({ ...reward, from: e.currentTarget })}
                    >
                      {text.redeem}
                    </View.Redeem>
                  )}
                </View.Reward>
              );
            })}
          </View.Rewards>
        </View.Section>
      )}
      {card.history.length > 0 && (
        <View.Section state="history">
          <View.Heading>{text.history}</View.Heading>
          <View.History>
            {card.history.map((entry) => (
              <View.Entry key={entry.id} state={entry.type}>
                <View.EntryReason>
                  {entry.reason ? `${text.entry[entry.type]} · ${entry.reason}` : text.entry[entry.type]}
                </View.EntryReason>
                {entry.points !== 0 && (
                  <View.EntryPoints>{`${entry.points > 0 ? '+' : ''}${n(entry.points)}`}</View.EntryPoints>
                )}
                <View.EntryDate dateTime={entry.at}>{format.date(entry.at)}</View.EntryDate>
                {entry.pending && <View.Tag>{text.pendingTag}</View.Tag>}
              </View.Entry>
            ))}
          </View.History>
        </View.Section>
      )}
      <LoyaltyMemberCode
        parts={View}
        text={text}
        format={format}
        useMemberToken={useMemberToken}
        referralCode={card.referralCode}
        copy={copy}
      />
      {target && (
        <LoyaltyRedeemDialog
          parts={View}
          text={text}
          format={format}
          pointsName={name}
          target={target}
          loyalty={loyalty}
          copy={copy}
          onRedeemed={(result) => announce(text.redeemed(result.rewardName))}
          onFailed={() => announce(null, true)}
          onClose={closeDialog}
        />
      )}
      <View.Status state={seq === 0 ? 'idle' : failed ? 'failed' : 'success'}>
        {/* Keyed, so the same sentence twice in a row is announced twice. */}
        {seq > 0 && <span key={seq}>{said ?? text.redeemError(loyalty.lastError)}</span>}
      </View.Status>
    </View.Root>
  );
}
