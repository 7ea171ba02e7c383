import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { carryOverOwner } from '../owners/carryOverOwner.js';
import type { SiteRecord } from '../sites/siteQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { issueAnonymousToken } from '../tokens/issueAnonymousToken.js';
import { mergeAnonymousContact, upsertAnonymousContact, upsertKnownContact, type ContactRow } from './contactQueries.js';
import { claimTraits } from './resolveVisitorContact.js';

/** Options of {@link resolveBootstrapContact}. */
export interface ResolveBootstrapContactInput {
  site: SiteRecord;
  /** The visitor of the request's token; `null` without one. */
  visitor: VisitorIdentity | null;
  /** The anonymous id a signed-in visitor held before (from a verified anonymous token) to merge in; `null` for none. */
  mergeFrom: string | null;
  /** When the request arrived. */
  now: Date;
  /** The app's clock, read after the owner locks of a merge. */
  clock: () => Date;
  /** Lifetime of a new anonymous token, in seconds. */
  anonymousTokenTtlSeconds: number;
}

/**
 * The bootstrap's contact, created or touched: without a token a new anonymous visitor (its token returned as
 * `anonymousToken`); with an anonymous token that visitor, unless it was merged away; with a business-signed token
 * that contact, with the anonymous visitor of `mergeFrom` merged in and its owner carried over.
 */
export async function resolveBootstrapContact(
  tx: SqlExecutor,
  input: ResolveBootstrapContactInput,
): Promise<{ contact: ContactRow; anonymousToken?: string }> {
  const { site, visitor, mergeFrom, now } = input;
  const startAnonymous = async () => {
    const issued = await issueAnonymousToken(site, now, input.anonymousTokenTtlSeconds);
    const contact = await upsertAnonymousContact(tx, { siteId: site.id, anonymousId: issued.anonymousId, now });
    return { contact, anonymousToken: issued.token };
  };
  if (!visitor) return startAnonymous();
  if (visitor.kind === 'anonymous') {
    const existing = await upsertAnonymousContact(tx, { siteId: site.id, anonymousId: visitor.subject, now });
    // Once merged into a signed-in contact, an anonymous identity is retired: a visitor who signed out
    // starts a fresh one instead of adding to (or reading) the merged contact's history.
    return existing.merged_into_id === null ? { contact: existing } : startAnonymous();
  }
  const known = await upsertKnownContact(tx, { siteId: site.id, externalId: visitor.subject, traits: claimTraits(visitor), now });
  if (!mergeFrom) return { contact: known };
  const merged = await mergeAnonymousContact(tx, { siteId: site.id, anonymousId: mergeFrom, into: known });
  await carryOverOwner(tx, { siteId: site.id, anonymousId: mergeFrom, into: known.id, clock: input.clock });
  return { contact: merged };
}
