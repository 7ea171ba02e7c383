import type { Traits } from '@rapport/core';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import type { SqlExecutor } from '../store/Store.js';
import { upsertAnonymousContact, upsertKnownContact, type ContactRow } from './contactQueries.js';

/** Traits a business-signed token carries (`name`, `email`). */
export function claimTraits(visitor: VisitorIdentity): Traits {
  const traits: Traits = {};
  if (visitor.claims.name !== undefined) traits.name = visitor.claims.name;
  if (visitor.claims.email !== undefined) traits.email = visitor.claims.email;
  return traits;
}

/**
 * The contact a verified visitor token names, created on first use and touched (`last_seen_at`). The upsert
 * locks the contact's row until the transaction ends, so a visitor's concurrent writes run one at a time.
 */
export function resolveVisitorContact(
  tx: SqlExecutor,
  input: { siteId: string; visitor: VisitorIdentity; now: Date },
): Promise<ContactRow> {
  const { siteId, visitor, now } = input;
  return visitor.kind === 'known'
    ? upsertKnownContact(tx, { siteId, externalId: visitor.subject, traits: claimTraits(visitor), now })
    : upsertAnonymousContact(tx, { siteId, anonymousId: visitor.subject, now });
}
