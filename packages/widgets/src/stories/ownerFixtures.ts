import type { Availability, AvailabilityState, OwnerBootstrap, PublicOwner } from '@rapport/core';
import { AvailabilitySchema, OwnerBootstrapSchema, PublicOwnerSchema } from '@rapport/core/schemas';

/**
 * The moment owner stories are set in: Friday 27 November 2026, 16:00 in London (UTC). Day words ("tomorrow",
 * "Monday") are relative to it, so the stories pin the page's clock to it with {@link pinStoryClock}.
 */
export const STORY_NOW = '2026-11-27T16:00:00.000Z';

/** A portrait drawn inline (stories never reach the network). */
export const STORY_PHOTO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48" fill="#c7d7f0"/>' +
    '<circle cx="24" cy="19" r="9" fill="#5b3a29"/><path d="M6 48a18 16 0 0 1 36 0z" fill="#0a58ca"/></svg>',
)}`;

/** Maya P., London account manager: every field shown, replies within 2 hours (a fixed promise). */
export function ownerFixture(overrides: Partial<PublicOwner> = {}): PublicOwner {
  return PublicOwnerSchema.parse({
    id: 'own_story_maya',
    name: 'Maya P.',
    initials: 'MP',
    role: 'Account manager',
    photoUrl: STORY_PHOTO,
    channels: {
      email: 'maya.patel@northwind.example',
      phone: '+44 20 7946 0018',
      chatUrl: 'https://chat.northwind.example/maya',
      meetingUrl: 'https://cal.northwind.example/maya',
    },
    responseTime: { minutes: 120, measured: false },
    ...overrides,
  });
}

/** Sam R., support lead in New York, no photo, replies within 45 minutes (measured). */
export function backupFixture(overrides: Partial<PublicOwner> = {}): PublicOwner {
  return ownerFixture({
    id: 'own_story_sam',
    name: 'Sam R.',
    initials: 'SR',
    role: 'Support lead',
    photoUrl: undefined,
    channels: { email: 'sam.rivera@northwind.example', chatUrl: 'https://chat.northwind.example/sam' },
    responseTime: { minutes: 45, measured: true },
    ...overrides,
  });
}

/**
 * Availability at {@link STORY_NOW}: `available` until 17:30 London; `away` and `holiday` back Monday at 09:00
 * London; `out_of_office` until Thursday 3 December.
 */
export function availabilityFixture(state: AvailabilityState, overrides: Partial<Availability> = {}): Availability {
  const monday = '2026-11-30T09:00:00.000Z';
  return AvailabilitySchema.parse({
    state,
    until: state === 'available' ? '2026-11-27T17:30:00.000Z' : null,
    nextAvailableAt: state === 'available' ? null : state === 'out_of_office' ? '2026-12-03T09:00:00.000Z' : monday,
    returnDate: state === 'out_of_office' ? '2026-12-03T00:00:00.000Z' : null,
    ...overrides,
  });
}

/** Options of {@link ownerSlotFixture}. */
export interface OwnerSlotFixtureOptions {
  /** The owner; `null` for none yet. Default: {@link ownerFixture}`()`. */
  owner?: PublicOwner | null;
  /** The owner's state (see {@link availabilityFixture}). Default: `'available'`. */
  state?: AvailabilityState;
  /** Sam R. covering (available until 17:00 in New York) while the owner is out. Default: `false`. */
  covering?: boolean;
  /** The team's name. Default: `'The Northwind team'`. */
  team?: string | null;
}

/** The bootstrap's owner slot (and `GET /v1/visitor/owner`), parsed with core's `OwnerBootstrapSchema`. */
export function ownerSlotFixture(options: OwnerSlotFixtureOptions = {}): OwnerBootstrap {
  const owner = options.owner === undefined ? ownerFixture() : options.owner;
  const team = options.team === undefined ? 'The Northwind team' : options.team;
  return OwnerBootstrapSchema.parse({
    enabled: true,
    owner,
    availability: owner && availabilityFixture(options.state ?? 'available'),
    covering:
      owner && options.covering
        ? { owner: backupFixture(), availability: availabilityFixture('available', { until: '2026-11-27T22:00:00.000Z' }) }
        : null,
    team: team === null ? null : { name: team },
    refreshAt: null,
  });
}

/**
 * Moves the page's `Date.now()` to `iso` (it keeps ticking from there) and returns the undo, for a story's
 * `beforeEach`: "today", "tomorrow" and weekdays then read the same on any day the stories run.
 */
export function pinStoryClock(iso: string = STORY_NOW): () => void {
  const realNow = Date.now;
  const offset = Date.parse(iso) - realNow();
  Date.now = () => realNow() + offset;
  return () => {
    Date.now = realNow;
  };
}
