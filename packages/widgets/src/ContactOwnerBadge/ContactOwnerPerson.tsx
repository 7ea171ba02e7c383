import type { Availability, PublicOwner } from '@rapport/core';
import { useState, type ReactNode } from 'react';
import type { ContactOwnerBadgeMessages } from './contactOwnerBadgeMessages.js';
import { ContactOwnerBadgeView as View, type ContactOwnerChannel } from './ContactOwnerBadgeView.js';
import type { OwnerFormat } from './useOwnerFormat.js';

interface PersonProps {
  person: PublicOwner;
  availability: Availability;
  /** `covering`: the backup standing in for the owner. */
  kind: 'owner' | 'covering';
  /** The card shows role, reply time and links; the badge only avatar, name and availability. */
  card: boolean;
  /** Announce changes of the availability sentence (the owner's only, so one region speaks). */
  live?: boolean;
  /** Said instead of the availability sentence (the compact badge's "Away · Sam R. covers"). */
  status?: string;
  text: ContactOwnerBadgeMessages;
  format: OwnerFormat;
}

/** Only https links: the contract says so, and a `javascript:` URL from a bad record must never become a link. */
const https = (url: string | undefined) => (url && /^https:\/\//i.test(url) ? url : undefined);

/** The availability sentence, every instant formatted in the visitor's zone. */
export function availabilityText({ state, until, nextAvailableAt, returnDate }: Availability, text: ContactOwnerBadgeMessages, format: OwnerFormat): string {
  const at = (iso: string) => text.at(format.day(iso), format.time(iso));
  const back = nextAvailableAt && at(nextAvailableAt);
  if (state === 'available') return text.available(until && (format.isToday(until) ? format.time(until) : at(until)));
  if (state === 'out_of_office') return text.outOfOffice(returnDate && format.date(returnDate), back);
  return state === 'holiday' ? text.holiday(back) : text.away(back);
}

/** One person (the owner, or the backup covering): avatar with dot, name, then in the card role, reply time and links. */
export function ContactOwnerPerson({ person, availability, kind, card, live, status, text, format }: PersonProps): ReactNode {
  // The photo that failed to load, so a new URL gets its chance.
  const [broken, setBroken] = useState<string>();
  const photo = person.photoUrl !== broken && person.photoUrl;
  const { email, phone, chatUrl, meetingUrl } = person.channels;
  // The address and the number are shown (a visitor at a desk can't follow a tel: link); chat and meeting by name.
  const links: Array<[ContactOwnerChannel, string | undefined, string?]> = [
    ['email', email && `mailto:${email}`, email],
    ['phone', phone && `tel:${phone.replace(/[^\d+]/g, '')}`, phone],
    ['chat', https(chatUrl)],
    ['meeting', https(meetingUrl)],
  ];
  const reachable = links.filter((link): link is [ContactOwnerChannel, string, string?] => !!link[1]);
  const { responseTime } = person;

  return (
    <View.Person state={kind}>
      <View.Avatar state={photo ? 'photo' : 'initials'}>
        {photo ? (
          <View.Photo src={photo} onError={() => setBroken(photo)} />
        ) : (
          <View.Initials>{person.initials}</View.Initials>
        )}
        <View.Dot state={availability.state} />
      </View.Avatar>
      <View.Details>
        {/* The title shows a name the badge cuts short; the text itself stays whole for assistive technology. */}
        <View.Name title={card ? undefined : person.name}>{person.name}</View.Name>
        {card && person.role && <View.Role>{person.role}</View.Role>}
        <View.Availability state={availability.state} role={live ? 'status' : undefined}>
          {status ?? availabilityText(availability, text, format)}
        </View.Availability>
        {card && responseTime && (
          <View.ResponseTime state={responseTime.measured ? 'measured' : 'fixed'}>
            {text.responseTime(format.duration(responseTime.minutes), responseTime.measured)}
          </View.ResponseTime>
        )}
        {card && reachable.length > 0 && (
          <View.Channels>
            {reachable.map(([kind, href, value]) => (
              <li key={kind}>
                <View.Channel state={kind} href={href} aria-label={text.channel(kind, person.name, value)}>
                  {value ?? text.channels[kind]}
                </View.Channel>
              </li>
            ))}
          </View.Channels>
        )}
      </View.Details>
    </View.Person>
  );
}
