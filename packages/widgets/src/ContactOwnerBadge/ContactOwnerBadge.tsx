import { useContactOwner, useVisitor } from '@rapport/react';
import { useEffect, useMemo, useRef, type ComponentPropsWithRef, type ReactNode } from 'react';
import { devWarning } from '../internal/devWarning.js';
import { warnSetupRefusal } from '../internal/setupRefusal.js';
import { mergeRefs } from '../internal/mergeRefs.js';
import { resolveContactOwnerBadgeMessages, type ContactOwnerBadgeMessages } from './contactOwnerBadgeMessages.js';
import { availabilityText, ContactOwnerPerson as Person } from './ContactOwnerPerson.js';
import { ContactOwnerBadgeView as View, type ContactOwnerBadgeState } from './ContactOwnerBadgeView.js';
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
  const visitor = useVisitor();
  if (process.env.NODE_ENV !== 'production') warnSetupRefusal(visitor.error);
  const { status, error, enabled, owner, availability, covering, team } = useContactOwner();
  const format = useOwnerFormat(
    locale ?? visitor.data?.locale ?? visitor.site?.defaultLocale,
    timeZone ?? visitor.data?.timeZone ?? undefined,
  );
  const state: ContactOwnerBadgeState =
    status === 'loading' ? 'loading' : !enabled ? (status === 'error' ? 'error' : 'disabled') : owner ? 'ready' : 'no-owner';
  const retrying = state === 'error' && visitor.isFetching;
  const teamName = team?.name ?? null;

  const rootRef = useRef<HTMLDivElement>(null);
  const refs = useMemo(() => mergeRefs(rootRef, ref), [ref]);
  // The Retry button unmounts on success; without this, keyboard focus would fall back to <body>.
  const refocus = useRef(false);
  useEffect(() => {
    if (state === 'disabled') devWarning('<ContactOwnerBadge> renders nothing: the site has the contact-owner badge off.');
    if (state === 'error' || !refocus.current) return;
    refocus.current = false;
    rootRef.current?.focus();
  }, [state]);
  if (state === 'disabled') return null;

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
    <View.Root
      aria-label={text.label}
      tabIndex={-1}
      {...rest}
      ref={refs}
      state={state}
      data-variant={variant}
      data-availability={availability?.state}
      aria-busy={state === 'loading' || retrying || undefined}
    >
      {state === 'loading' && (
        <>
          <View.Skeleton />
          <span className="rapport-visually-hidden">{text.loading}</span>
        </>
      )}
      {state === 'error' && (
        <>
          <View.Error>{text.loadError(error)}</View.Error>
          <View.Retry
            state={retrying ? 'pending' : 'idle'}
            aria-disabled={retrying || undefined}
            onClick={(event) => {
              if (retrying) return;
              refocus.current = event.currentTarget.ownerDocument.activeElement === event.currentTarget;
              visitor.refetch();
            }}
          >
            {text.retry}
          </View.Retry>
        </>
      )}
      {state === 'no-owner' && <View.Team state="no-owner">{text.noOwner(teamName)}</View.Team>}
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
    </View.Root>
  );
}
