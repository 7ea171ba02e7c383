import {
  ANONYMOUS_TOKEN_HEADER,
  API_PREFIX,
  type BootstrapResponse,
  type PreferencesBootstrap,
} from '@rapport/core';
import { BootstrapResponseSchema } from '@rapport/core/schemas';
import { resolveVisitorToken } from '../auth/authenticateVisitor.js';
import {
  mergeAnonymousContact,
  toVisitorSession,
  upsertAnonymousContact,
  upsertKnownContact,
  type ContactRow,
} from '../contacts/contactQueries.js';
import { claimTraits } from '../contacts/resolveVisitorContact.js';
import { loadFeedbackBootstrap } from '../feedback/loadFeedbackBootstrap.js';
import { defineVisitorRoute } from '../http/defineRoute.js';
import { loadLoyaltySlot } from '../loyalty/loadLoyaltySlot.js';
import { carryOverOwner } from '../owners/carryOverOwner.js';
import { loadOwnerSlot } from '../owners/loadOwnerSlot.js';
import { loadCurrentCatalog } from '../preferences/catalogQueries.js';
import { loadRawPreferences, toPreferenceState } from '../preferences/preferenceState.js';
import type { SqlExecutor } from '../store/Store.js';
import { toPublicSite, type SiteRecord } from '../sites/siteQueries.js';
import { issueAnonymousToken } from '../tokens/issueAnonymousToken.js';


/** The catalog, and the visitor's choices when signed in (an anonymous visitor has no one to reach). */
async function loadPreferencesSlot(db: SqlExecutor, site: SiteRecord, contact: ContactRow, now: Date): Promise<PreferencesBootstrap> {
  const catalog = await loadCurrentCatalog(db, site);
  const state = contact.external_id === null ? null : toPreferenceState(catalog, await loadRawPreferences(db, contact.id), now);
  return { enabled: true, catalog, state };
}

/** `GET /v1/visitor/bootstrap`: the site, the visitor and every widget's first data, in one request. */
export const bootstrapRoute = defineVisitorRoute({
  method: 'GET',
  path: `${API_PREFIX}/visitor/bootstrap`,
  operationId: 'getVisitorBootstrap',
  summary: 'Everything every widget on the page needs, in one request',
  description:
    'Without a token, creates an anonymous visitor and returns its token in `visitor.anonymousToken`. ' +
    'With a business-signed token, creates or updates that contact; send the previous anonymous token in ' +
    '`x-rapport-anonymous-token` to merge the anonymous visitor into it (an invalid one is ignored); the owner a staff ' +
    'member became while the visitor was anonymous carries over unless the contact has one.',
  tags: ['visitor'],
  token: 'optional',
  headers: [
    {
      name: ANONYMOUS_TOKEN_HEADER,
      description: 'The anonymous token the browser held before sign-in, to merge into the signed-in contact.',
    },
  ],
  responses: { 200: { description: 'The bootstrap data', schema: BootstrapResponseSchema } },
  async handle(ctx) {
    const { site, visitor, now, c } = ctx;
    const ttl = ctx.runtime.anonymousTokenTtlSeconds;
    const mergeToken = visitor?.kind === 'known' ? c.req.header(ANONYMOUS_TOKEN_HEADER) : undefined;
    const merge = mergeToken ? await resolveVisitorToken(mergeToken, site, now) : null;
    const mergeFrom = merge?.ok && merge.visitor.kind === 'anonymous' ? merge.visitor.subject : null;

    let anonymousToken: string | undefined;
    const row = await ctx.transaction(async (tx): Promise<ContactRow> => {
      const startAnonymous = async () => {
        const issued = await issueAnonymousToken(site, now, ttl);
        anonymousToken = issued.token;
        return upsertAnonymousContact(tx, { siteId: site.id, anonymousId: issued.anonymousId, now });
      };
      if (!visitor) return startAnonymous();
      if (visitor.kind === 'anonymous') {
        const existing = await upsertAnonymousContact(tx, { siteId: site.id, anonymousId: visitor.subject, now });
        // Once merged into a signed-in contact, an anonymous identity is retired: a visitor who signed out
        // starts a fresh one instead of adding to (or reading) the merged contact's history.
        return existing.merged_into_id === null ? existing : startAnonymous();
      }
      const known = await upsertKnownContact(tx, {
        siteId: site.id,
        externalId: visitor.subject,
        traits: claimTraits(visitor),
        now,
      });
      if (!mergeFrom) return known;
      const merged = await mergeAnonymousContact(tx, { siteId: site.id, anonymousId: mergeFrom, into: known });
      await carryOverOwner(tx, { siteId: site.id, anonymousId: mergeFrom, into: known.id, clock: ctx.clock });
      return merged;
    });

    const feedback = site.enabledWidgets.includes('feedback')
      ? await loadFeedbackBootstrap(ctx.db, { siteId: site.id, contactId: row.id, now })
      : null;
    const preferences = site.enabledWidgets.includes('preferences') ? await loadPreferencesSlot(ctx.db, site, row, now) : null;
    const loyalty = site.enabledWidgets.includes('loyalty')
      ? await loadLoyaltySlot(ctx.transaction, { siteId: site.id, visitor, clock: ctx.clock })
      : null;
    const owner = site.enabledWidgets.includes('owner')
      ? await loadOwnerSlot(ctx.transaction, { site, contactId: row.id, clock: ctx.clock })
      : null;
    const body: BootstrapResponse = {
      site: toPublicSite(site),
      visitor: { ...toVisitorSession(row), ...(anonymousToken ? { anonymousToken } : {}) },
      widgets: { feedback, preferences, loyalty, owner },
    };
    return { status: 200, body };
  },
});
