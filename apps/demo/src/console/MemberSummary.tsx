import type { LoyaltyMember } from '@rapport/core';
import { formatPoints, formatWhen } from './loyaltyFormat.js';

/** A member's card as the owner sees it: what they can spend, what is pending, tier and stamps. */
export function MemberSummary({ member }: { member: LoyaltyMember }) {
  const { summary } = member;
  const points = (n: number) => formatPoints(n, summary.pointsName);
  const figures: Array<[string, string]> = [
    ['Balance', points(summary.balance)],
    ['Pending', points(summary.pending)],
    ['Lifetime', points(summary.lifetimePoints)],
    ['Tier', summary.tier.name],
  ];
  if (summary.stamps) figures.push(['Stamps', `${summary.stamps.collected} of ${summary.stamps.size}`]);
  return (
    <>
      <dl className="demo-figures" aria-label={`Loyalty summary of ${member.externalId}`}>
        {figures.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="demo-hint demo-loyalty-notes">
        <li>Member since {formatWhen(member.joinedAt)}.</li>
        {summary.tier.next && (
          <li>
            {points(summary.tier.next.pointsNeeded)} more to reach {summary.tier.next.name}.
          </li>
        )}
        {summary.stamps && summary.stamps.ready > 0 && (
          <li>
            {summary.stamps.ready} full stamp card{summary.stamps.ready === 1 ? '' : 's'} ready: {summary.stamps.reward}.
          </li>
        )}
        {summary.nextExpiry && (
          <li>
            {points(summary.nextExpiry.points)} expire on {formatWhen(summary.nextExpiry.at)}.
          </li>
        )}
      </ul>
    </>
  );
}
