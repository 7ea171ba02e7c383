import { ANONYMOUS_TOKEN_HEADER, type BootstrapResponse, type WidgetName } from '@rapport/core';
import { BootstrapResponseSchema } from '@rapport/core/schemas';
import { resolveVisitorToken } from '../auth/authenticateVisitor.js';
import type { BootstrapSlotInput } from '../contacts/BootstrapSlotInput.js';
import { toVisitorSession } from '../contacts/contactQueries.js';
import { resolveBootstrapContact } from '../contacts/resolveBootstrapContact.js';
import { loadFeedbackSlot } from '../feedback/loadFeedbackSlot.js';
import { defineRoute } from '../http/defineRoute.js';
import { loadLoyaltySlot } from '../loyalty/loadLoyaltySlot.js';
import { loadOwnerSlot } from '../owners/loadOwnerSlot.js';
import { loadPreferencesSlot } from '../preferences/loadPreferencesSlot.js';
import { toPublicSite } from '../sites/siteQueries.js';
import { API_PATHS } from './apiPaths.js';

/** `GET /v1/visitor/bootstrap`: the site, the visitor and every widget's first data, in one request. */
export const bootstrapRoute = defineRoute({
  auth: 'visitor',
  token: 'optional',
  method: 'GET',
  path: API_PATHS.session.bootstrap,
  operationId: 'getVisitorBootstrap',
  summary: 'Everything every widget on the page needs, in one request',
  description:
    'Without a token, creates an anonymous visitor and returns its token in `visitor.anonymousToken`. ' +
    'With a business-signed token, creates or updates that contact; send the previous anonymous token in ' +
    '`x-rapport-anonymous-token` to merge the anonymous visitor into it (an invalid one is ignored); the owner a staff ' +
    'member became while the visitor was anonymous carries over unless the contact has one.',
  tags: ['visitor'],
  headers: [
    {
      name: ANONYMOUS_TOKEN_HEADER,
      description: 'The anonymous token the browser held before sign-in, to merge into the signed-in contact.',
    },
  ],
  responses: { 200: { description: 'The bootstrap data', schema: BootstrapResponseSchema } },
  async handle(ctx) {
    const { site, visitor, now, c } = ctx;
    const mergeToken = visitor?.kind === 'known' ? c.req.header(ANONYMOUS_TOKEN_HEADER) : undefined;
    const merge = mergeToken ? await resolveVisitorToken(mergeToken, site, now) : null;
    const mergeFrom = merge?.ok && merge.visitor.kind === 'anonymous' ? merge.visitor.subject : null;
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

    // One after the other, in this order; the loaders that lock (an account, the team) each in a transaction of their own.
    const slot: BootstrapSlotInput = { site, contact, now, clock: ctx.clock };
    const on = (widget: WidgetName) => site.enabledWidgets.includes(widget);
    const feedback = on('feedback') ? await loadFeedbackSlot(ctx.db, slot) : null;
    const preferences = on('preferences') ? await loadPreferencesSlot(ctx.db, slot) : null;
    const loyalty = on('loyalty') ? await ctx.transaction((tx) => loadLoyaltySlot(tx, slot)) : null;
    const owner = on('owner') ? await ctx.transaction((tx) => loadOwnerSlot(tx, slot)) : null;
    const body: BootstrapResponse = {
      site: toPublicSite(site),
      visitor: { ...toVisitorSession(contact), ...(anonymousToken ? { anonymousToken } : {}) },
      widgets: { feedback, preferences, loyalty, owner },
    };
    return { status: 200, body };
  },
});
