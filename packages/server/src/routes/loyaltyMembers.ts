import { ErrorEnvelopeSchema, LoyaltyMemberListQuerySchema, LoyaltyMemberPageSchema, type LoyaltyMemberPage } from '@rapport/core/schemas';
import { defineRoute } from '../http/defineRoute.js';
import { cursorFromQuery, encodeKeysetCursor } from '../http/keysetCursor.js';
import { listMembers } from '../loyalty/memberList.js';
import { API_PATHS } from './apiPaths.js';

/** Members on a page when the request gives no `limit`. */
const DEFAULT_PAGE_SIZE = 25;

/** `GET /v1/admin/loyalty/members`: the site's loyalty members, newest member first, a page at a time. */
export const listLoyaltyMembersRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.loyalty.members,
  operationId: 'listLoyaltyMembers',
  summary: 'List loyalty members, newest member first',
  description:
    'Ordered by join date, newest first, then by account: the order never changes, so walking the pages with ' +
    '`nextCursor` (passed back as `cursor`) lists every member once even while points are written. `limit` is 1–100 ' +
    '(default 25). `q` keeps members whose external id or name contains it, ignoring case. Balance, pending, lifetime ' +
    'points and tier are the figures `GET /v1/admin/contacts/{externalId}/loyalty` shows (a member with rewards now due, ' +
    'pending points now available or points past their expiry is brought up to date first, as there). A page is one ' +
    'query on indexes: the join order, and trigram indexes for `q`.',
  tags: ['admin', 'loyalty'],
  query: LoyaltyMemberListQuerySchema,
  responses: {
    200: { description: 'A page of members', schema: LoyaltyMemberPageSchema },
    404: { description: 'The site has no loyalty program (`not_found`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { limit, cursor, q } = ctx.query;
    const after = cursorFromQuery(cursor);
    const { members, next } = await listMembers(ctx.db, ctx.transaction, {
      siteId: ctx.site.id,
      clock: ctx.clock,
      limit: limit ? Number(limit) : DEFAULT_PAGE_SIZE,
      after,
      q: q ?? null,
    });
    const page: LoyaltyMemberPage = { members, nextCursor: next ? encodeKeysetCursor(next) : null };
    return { status: 200, body: page };
  },
});
