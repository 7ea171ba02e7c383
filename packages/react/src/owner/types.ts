// Public types of the contact-owner hook. The widget (`@rapport/widgets`) codes against this file: keep it stable.
import type { Availability, OwnerCovering, PublicOwner, RapportError } from '@rapport/core';
import type { RapportQueryStatus } from '../RapportQueryStatus.js';

/**
 * What {@link useContactOwner} returns: the owner slot of the bootstrap response (no extra request), kept
 * current: when the answer changes (a shift starts or ends, `refreshAt`), the hook fetches
 * `GET /v1/visitor/owner` and every consumer re-renders with it.
 */
export interface ContactOwnerResult {
  /** `loading` before the bootstrap answer, `error` when it failed, `ready` with data. */
  status: RapportQueryStatus;
  /** Why loading failed, or `null`. Switch on `error.code`. */
  error: RapportError | null;
  /** True when the site has the contact-owner badge switched on. `false` while loading. */
  enabled: boolean;
  /** The visitor's owner (only the fields the owner chose to show), or `null`: no owner yet, loading, or off. */
  owner: PublicOwner | null;
  /** Whether the owner is in, with the instants to show in the visitor's time zone; `null` without an owner. */
  availability: Availability | null;
  /**
   * The backup covering while the owner is not available and the backup is, else `null`: then show the team.
   * Nobody offline is ever in here.
   */
  covering: OwnerCovering | null;
  /** The team to mention when nobody is covering (`{ name }`), or `null` when the business set none. */
  team: { name: string } | null;
}
