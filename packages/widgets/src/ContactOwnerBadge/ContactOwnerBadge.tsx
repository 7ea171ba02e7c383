import { useContactOwner } from '@rapport/react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { devWarning } from '../internal/devWarning.js';
import { useWidgetLocale } from '../internal/useWidgetLocale.js';
import { useWidgetState } from '../internal/useWidgetState.js';
import { WidgetShell } from '../internal/WidgetShell.js';
import { resolveContactOwnerBadgeMessages, type ContactOwnerBadgeMessages } from './contactOwnerBadgeMessages.js';
import { availabilityText, ContactOwnerPerson as Person } from './ContactOwnerPerson.js';
import { ContactOwnerBadgeView as View } from './ContactOwnerBadgeView.js';
import { useOwnerFormat } from './useOwnerFormat.js';

/** Props of {@link ContactOwnerBadge}: the root `div`'s props (ref, className, aria-*) plus the options below. */
export interface ContactOwnerBadgeProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /**
   * `card`: photo, name, role, availability, reply time, links, and who covers while the owner is out.
   * `badge`: a compact line of avatar, name and availability (dot and words); while the owner is out, the words
   * name who covers instead of when they are back ("Away · Sam R. covers", or the team). Default: `'card'`.
   */
  variant?: 'card' | 'badge';
  /** Replaces any of the strings visitors read. Default: English ({@link defaultContactOwnerBadgeMessages}). */
  messages?: Partial<ContactOwnerBadgeMessages>;
  /** BCP 47 locale for times and dates. Default: the visitor's locale, else the site's default locale. */
  locale?: string;
  /** IANA time zone to show times in. Default: the visitor's (from the bootstrap), else the browser's. */
  timeZone?: string;
}

/**
 * The visitor's named contact person: who they are, whether they are in ("Away · back Monday at 09:00", in the
 * visitor's time zone), how soon they usually reply and how to reach them; while they are out, the backup
 * covering for them or the team. A visitor without an owner yet sees the team. Renders nothing when the site
 * has the badge switched off. Must be inside `<RapportProvider>`; uses the page's single bootstrap request.
 */
export function ContactOwnerBadge(props: ContactOwnerBadgeProps): ReactNode {
  const { variant = 'card', messages, locale, timeZone, ref, ...rest } = props;
  const text = resolveContactOwnerBadgeMessages(messages);
  const { status, error, enabled, owner, availability, covering, team } = useContactOwner();
  const shell = useWidgetState({ status, enabled, loaded: enabled, ref });
  const where = useWidgetLocale(locale, timeZone);
  const format = useOwnerFormat(where.locale, where.timeZone);
  if (shell.state === 'disabled') {
    if (process.env.NODE_ENV !== 'production') {
      devWarning('<ContactOwnerBadge> renders nothing: the site has the contact-owner badge off.');
    }
    return null;
  }

  const teamName = team?.name ?? null;
  const card = variant === 'card';
  // The compact badge has room for one line: who covers matters more to the visitor than when the owner is back.
  const brief =
    !card && availability && availability.state !== 'available'
      ? text.badgeCovering(
          availabilityText({ state: availability.state, until: null, nextAvailableAt: null, returnDate: null }, text, format),
          covering?.owner.name ?? null,
          teamName,
        )
      : undefined;
  return (
    <WidgetShell
      parts={View}
      shell={shell}
      state={owner ? 'ready' : 'no-owner'}
      root={{ 'aria-label': text.label, tabIndex: -1, ...rest, 'data-variant': variant, 'data-availability': availability?.state }}
      text={{ ...text, loadError: () => text.loadError(error) }}
    >
      {!owner && <View.Team state="no-owner">{text.noOwner(teamName)}</View.Team>}
      {owner && availability && (
        <Person person={owner} availability={availability} kind="owner" card={card} live status={brief} text={text} format={format} />
      )}
      {card &&
        owner &&
        availability?.state !== 'available' &&
        // Nobody offline is shown as reachable now: the backup only while they are in, else the team.
        (covering ? (
          <>
            <View.Covering>{text.covering(owner.name, covering.owner.name)}</View.Covering>
            <Person person={covering.owner} availability={covering.availability} kind="covering" card text={text} format={format} />
          </>
        ) : (
          <View.Team state="away">{text.team(teamName)}</View.Team>
        ))}
    </WidgetShell>
  );
}
