import type { LoyaltyAccountSummary } from '@rapport/core';
import { useId, type ReactNode } from 'react';
import type { LocaleFormat } from '../internal/useLocaleFormat.js';
import type { LoyaltyCardMessages } from './loyaltyCardMessages.js';
import type { LoyaltyCardParts } from './LoyaltyCardView.js';
import type { RedemptionFlowResult } from './useRedemptionFlow.js';

interface BodyProps {
  parts: LoyaltyCardParts;
  text: LoyaltyCardMessages;
  card: LoyaltyAccountSummary;
  format: LocaleFormat;
  /** `STAMP_REWARD_ID`: what Claim redeems. */
  stampRewardId: string;
  /** The card's redemption flow: Redeem and Claim open its dialog. */
  flow: Pick<RedemptionFlowResult, 'triggerProps'>;
}

/** The loaded card's figures: balance, progress to the next tier, stamps, rewards to redeem and history. */
export function LoyaltyCardBody({ parts: View, text, card, format, stampRewardId, flow }: BodyProps): ReactNode {
  const id = useId();
  const n = format.number;
  const { triggerProps } = flow;
  const { pointsName: name, tier, stamps } = card;
  const toNext = tier.next && text.toNextTier(n(tier.next.pointsNeeded), name, tier.next.name);
  const stampCount = stamps && (stamps.ready > 0 ? stamps.size : stamps.collected);
  const stampNoteId = `${id}-stamp`;

  return (
    <>
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
              {...triggerProps({ id: stampRewardId, name: stamps.reward, cost: 0 })}
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
                      {...triggerProps(reward)}
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
    </>
  );
}
