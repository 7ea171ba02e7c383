import { ErrorEnvelopeSchema, OwnerBootstrapSchema } from '@rapport/core/schemas';
import { resolveVisitorContact } from '../contacts/resolveVisitorContact.js';
import { ApiError } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import { loadOwnerSlot } from '../owners/loadOwnerSlot.js';
import { API_PATHS } from './apiPaths.js';

/** `GET /v1/visitor/owner`: the visitor's contact owner, as in the bootstrap. */
export const getVisitorOwnerRoute = defineRoute({
  auth: 'visitor',
  method: 'GET',
  path: API_PATHS.owners.visitorOwner,
  operationId: 'getVisitorOwner',
  summary: 'The visitor’s contact owner, whether they are in, and who covers',
  description:
    'The bootstrap’s owner slot again, to refresh it at `refreshAt` (when a shift starts or ends). The owner is the ' +
    'one of the contact the token names; nothing in the request can choose another. Only the fields the owner chose ' +
    'to show are sent. An anonymous visitor has an owner only when a staff member’s reply gave them one.',
  tags: ['visitor', 'owners'],
  responses: {
    200: { description: 'The owner slot', schema: OwnerBootstrapSchema },
    404: { description: 'The site has the owner widget off (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, visitor, now } = ctx;
    if (!site.enabledWidgets.includes('owner')) throw new ApiError(404, 'not_found', 'The owner widget is off on this site');
    const contact = await ctx.transaction((tx) => resolveVisitorContact(tx, { siteId: site.id, visitor, now }));
    return { status: 200, body: await ctx.transaction((tx) => loadOwnerSlot(tx, { site, contact, now, clock: ctx.clock })) };
  },
});
