import type { Traits } from '@rapport/core';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import type { SqlExecutor } from '../store/Store.js';
import {
  anonymousContactUpsert,
  knownContactUpsert,
  type ContactRow,
  type ContactUpsert,
} from './contactQueries.js';

/** Traits a business-signed token carries (`name`, `email`). */
export function claimTraits(visitor: VisitorIdentity): Traits {
  const traits: Traits = {};
  if (visitor.claims.name !== undefined) traits.name = visitor.claims.name;
  if (visitor.claims.email !== undefined) traits.email = visitor.claims.email;
  return traits;
}

/** The upsert of the contact a verified visitor token names (see {@link resolveVisitorContact}), as a statement. */
export function visitorContactUpsert(input: { siteId: string; visitor: VisitorIdentity; now: Date }): ContactUpsert {
  const { siteId, visitor, now } = input;
  return visitor.kind === 'known'
    ? knownContactUpsert({ siteId, externalId: visitor.subject, traits: claimTraits(visitor), now })
    : anonymousContactUpsert({ siteId, anonymousId: visitor.subject, now });
}

/**
 * The contact a verified visitor token names, created on first use and touched (`last_seen_at`). The upsert
 * locks the contact's row until the transaction ends, so a visitor's concurrent writes run one at a time.
 */
export async function resolveVisitorContact(
  tx: SqlExecutor,
  input: { siteId: string; visitor: VisitorIdentity; now: Date },
): Promise<ContactRow> {
  const { sql, params } = visitorContactUpsert(input);
  const { rows } = await tx.query<ContactRow>(sql, params);
  return rows[0] as ContactRow;
}
