import { ANONYMOUS_TOKEN_HEADER } from '@rapport/core';
import { BootstrapResponseSchema } from '@rapport/core/schemas';
import { resolveVisitorToken } from '../auth/authenticateVisitor.js';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import { buildBootstrap } from '../bootstrap/buildBootstrap.js';
import type { CachedBootstrap } from '../bootstrap/createBootstrapCache.js';
import type { BootstrapContactRead } from '../bootstrap/findBootstrapContact.js';
import { touchLastSeen } from '../bootstrap/touchLastSeen.js';
import { resolveBootstrapContact } from '../contacts/resolveBootstrapContact.js';
import { claimTraits } from '../contacts/resolveVisitorContact.js';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { checkResponseBody } from '../http/checkResponseBody.js';
import { defineRoute } from '../http/defineRoute.js';
import { entityTagOf } from '../http/entityTag.js';
import { API_PATHS } from './apiPaths.js';

/**
 * Whether the bootstrap would write nothing for this visitor: the contact exists, an anonymous one was not merged
 * away, the token's traits are the ones stored, and an anonymous id to merge is already merged here (or unknown).
 */
function isUnchanged(read: BootstrapContactRead, visitor: VisitorIdentity, mergeFrom: string | null): boolean {
  const { contact } = read;
  if (visitor.kind === 'anonymous') return contact.merged_into_id === null;
  for (const [name, value] of Object.entries(claimTraits(visitor))) {
    if (canonicalJson(contact.traits[name] ?? null) !== canonicalJson(value)) return false;
  }
  return mergeFrom === null || read.mergeFromTarget === undefined || read.mergeFromTarget === contact.id;
}

const OPERATION_ID = 'getVisitorBootstrap';

/** `GET /v1/visitor/bootstrap`: the site, the visitor and every widget's first data, in one request. */
export const bootstrapRoute = defineRoute({
  auth: 'visitor',
  token: 'optional',
  method: 'GET',
  path: API_PATHS.session.bootstrap,
  operationId: OPERATION_ID,
  summary: 'Everything every widget on the page needs, in one request',
  description:
    'Without a token, creates an anonymous visitor and returns its token in `visitor.anonymousToken`. ' +
    'With a business-signed token, creates or updates that contact; send the previous anonymous token in ' +
    '`x-rapport-anonymous-token` to merge the anonymous visitor into it (an invalid one is ignored); the owner a staff ' +
    'member became while the visitor was anonymous carries over unless the contact has one. ' +
    'A returning visitor whose data did not change is answered without a write. The answer carries an `ETag`: send ' +
    'it back in `If-None-Match` to get `304 Not Modified` without a body while nothing in it changed.',
  tags: ['visitor'],
  headers: [
    {
      name: ANONYMOUS_TOKEN_HEADER,
      description: 'The anonymous token the browser held before sign-in, to merge into the signed-in contact.',
    },
    { name: 'If-None-Match', description: 'The `ETag` of the bootstrap the browser holds.' },
  ],
  responses: {
    200: { description: 'The bootstrap data', schema: BootstrapResponseSchema },
    304: { description: 'Nothing changed since the bootstrap whose `ETag` was sent' },
  },
  async handle(ctx) {
    const { site, visitor, now, c } = ctx;
    const mergeToken = visitor?.kind === 'known' ? c.req.header(ANONYMOUS_TOKEN_HEADER) : undefined;
    const merge = mergeToken ? await resolveVisitorToken(mergeToken, site, now) : null;
    const mergeFrom = merge?.ok && merge.visitor.kind === 'anonymous' ? merge.visitor.subject : null;
    const common = { db: ctx.db, transaction: ctx.transaction, site, now, clock: ctx.clock };

    // A returning visitor with nothing to write: one read (none on PGlite while nothing was written), then this
    // instance's cached answer while it is current.
    const read = visitor ? await ctx.runtime.visitorReads.bootstrapContact({ siteId: site.id, visitor, mergeFrom }) : null;
    if (read && visitor && isUnchanged(read, visitor, mergeFrom)) {
      await touchLastSeen(ctx.db, read.contact, now);
      const key = `${site.id} ${read.contact.id}`;
      const cache = ctx.runtime.bootstrapCache;
      let entry: CachedBootstrap | undefined = cache.get(key, read, now.getTime());
      if (!entry) {
        const built = await buildBootstrap({ ...common, contact: read.contact });
        const json = JSON.stringify(checkResponseBody(ctx.runtime.logger, OPERATION_ID, BootstrapResponseSchema, built.body));
        entry = {
          siteVersion: read.siteVersion,
          contactVersion: read.contactVersion,
          builtAt: now.getTime(),
          expiresAt: built.expiresAt,
          json,
          etag: await entityTagOf(json),
        };
        cache.set(key, entry);
      }
      return { status: 200, body: null, serialized: entry };
    }

    const { contact, anonymousToken } = await ctx.transaction((tx) =>
      resolveBootstrapContact(tx, {
        site,
        visitor,
        mergeFrom,
        now,
        clock: ctx.clock,
        anonymousTokenTtlSeconds: ctx.runtime.anonymousTokenTtlSeconds,
      }),
    );
    const { body } = await buildBootstrap({ ...common, contact, ...(anonymousToken ? { anonymousToken } : {}) });
    return { status: 200, body };
  },
});
