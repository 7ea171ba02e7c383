import {
  ErrorEnvelopeSchema,
  ExternalIdSchema,
  LedgerWriteResultSchema,
  LoyaltyAdjustmentSchema,
  LoyaltyAwardSchema,
  LoyaltyMemberSchema,
  LoyaltyProgramInputSchema,
  LoyaltyProgramSchema,
  LoyaltyReversalSchema,
  MemberScanSchema,
} from '@rapport/core/schemas';
import * as z from 'zod/mini';
import { ApiError } from '../http/ApiError.js';
import { defineRoute } from '../http/defineRoute.js';
import type { RouteResult } from '../http/RouteDefinition.js';
import type { WriteOutcome } from '../loyalty/LedgerScope.js';
import { adjustPoints, awardOrder, reverseOrder } from '../loyalty/ledgerWrites.js';
import { toLedgerEntry } from '../loyalty/ledgerQueries.js';
import { verifyMemberToken } from '../loyalty/memberToken.js';
import { loadMemberView } from '../loyalty/loadMemberView.js';
import { findOrderMember, openAdminAccount } from '../loyalty/openAccount.js';
import { programOr404, saveProgram } from '../loyalty/programQueries.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['admin', 'loyalty'];
const NO_PROGRAM = { description: 'No program, or no such member or order (`not_found`)', schema: ErrorEnvelopeSchema };
const CONFLICT = { description: 'The key was used for a different request (`idempotency_conflict`), or the body is invalid', schema: ErrorEnvelopeSchema };
/** Said by every route that reads or writes a member. */
const GRANTS = 'The welcome, birthday and anniversary rewards now due are granted first (once each), as on a visitor read.';
const WRITTEN = {
  200: { description: 'The original entry of this key (nothing new written)', schema: LedgerWriteResultSchema },
  201: { description: 'The new entry', schema: LedgerWriteResultSchema },
};

function written(outcome: WriteOutcome): RouteResult {
  return { status: outcome.created ? 201 : 200, body: { entry: toLedgerEntry(outcome.row), clampedFrom: outcome.row.clamped_from } };
}

/** `GET /v1/admin/loyalty/program`. */
export const getLoyaltyProgramRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.loyalty.program,
  operationId: 'getLoyaltyProgram',
  summary: 'The current loyalty program',
  tags: TAGS,
  responses: { 200: { description: 'The program', schema: LoyaltyProgramSchema }, 404: NO_PROGRAM },
  async handle(ctx) {
    return { status: 200, body: await programOr404(ctx.db, ctx.site.id) };
  },
});

/** `PUT /v1/admin/loyalty/program`. */
export const putLoyaltyProgramRoute = defineRoute({
  auth: 'admin',
  method: 'PUT',
  path: API_PATHS.loyalty.program,
  operationId: 'putLoyaltyProgram',
  summary: 'Write the loyalty program',
  description: 'A changed program is a new version (201); the same one keeps the current version (200). Existing ledger entries are never rewritten.',
  tags: TAGS,
  body: LoyaltyProgramInputSchema,
  responses: {
    200: { description: 'Unchanged', schema: LoyaltyProgramSchema },
    201: { description: 'A new version', schema: LoyaltyProgramSchema },
  },
  async handle(ctx) {
    const { program, created } = await ctx.transaction((tx) => saveProgram(tx, { siteId: ctx.site.id, program: ctx.body, now: ctx.now }));
    return { status: created ? 201 : 200, body: program };
  },
});

/** `POST /v1/admin/loyalty/awards`. */
export const awardLoyaltyPointsRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.loyalty.awards,
  operationId: 'awardLoyaltyPoints',
  summary: 'Award points for an order',
  description:
    '`orderId` is the idempotency key: the same order again returns the original entry (200); the same order with a ' +
    'different body is 422 `idempotency_conflict`. Points stay pending for the program’s approval window. The contact ' +
    `and its account are created when missing. ${GRANTS}`,
  tags: TAGS,
  body: LoyaltyAwardSchema,
  responses: { ...WRITTEN, 404: NO_PROGRAM, 422: CONFLICT },
  async handle(ctx) {
    const { site, body } = ctx;
    return written(
      await ctx.transaction(async (tx) => {
        const open = await openAdminAccount(tx, { siteId: site.id, externalId: body.externalId, clock: ctx.clock });
        return awardOrder(tx, open.scope, open.account, body);
      }),
    );
  },
});

/** `POST /v1/admin/loyalty/reversals`. */
export const reverseLoyaltyAwardRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.loyalty.reversals,
  operationId: 'reverseLoyaltyAward',
  summary: 'Reverse an order’s award (refund, cancellation)',
  description:
    'Once per order (the same request again returns the original entry). Takes back at most the spendable balance, so the ' +
    `balance never goes below zero; \`clampedFrom\` then says what the award was. ${GRANTS}`,
  tags: TAGS,
  body: LoyaltyReversalSchema,
  responses: { ...WRITTEN, 404: NO_PROGRAM, 422: CONFLICT },
  async handle(ctx) {
    const { site, body } = ctx;
    return written(
      await ctx.transaction(async (tx) => {
        const open = await findOrderMember(tx, { siteId: site.id, clock: ctx.clock, orderId: body.orderId });
        return reverseOrder(tx, open.scope, body);
      }),
    );
  },
});

/** `POST /v1/admin/loyalty/adjustments`. */
export const adjustLoyaltyPointsRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.loyalty.adjustments,
  operationId: 'adjustLoyaltyPoints',
  summary: 'Correct a member’s points, with a reason',
  description:
    '`key` is the idempotency key: the same key with a different body is 422 `idempotency_conflict`. A debit larger than ' +
    `the balance is 409 \`insufficient_points\`. ${GRANTS}`,
  tags: TAGS,
  body: LoyaltyAdjustmentSchema,
  responses: {
    ...WRITTEN,
    404: NO_PROGRAM,
    409: { description: 'The balance would go below zero (`insufficient_points`)', schema: ErrorEnvelopeSchema },
    422: CONFLICT,
  },
  async handle(ctx) {
    const { site, body } = ctx;
    return written(
      await ctx.transaction(async (tx) => {
        const open = await openAdminAccount(tx, { siteId: site.id, externalId: body.externalId, clock: ctx.clock });
        return adjustPoints(tx, open.scope, open.account, body);
      }),
    );
  },
});

/** `GET /v1/admin/contacts/{externalId}/loyalty`. */
export const getContactLoyaltyRoute = defineRoute({
  auth: 'admin',
  method: 'GET',
  path: API_PATHS.loyalty.member,
  operationId: 'getContactLoyalty',
  summary: 'A member’s card and full ledger',
  description: GRANTS,
  tags: TAGS,
  params: z.strictObject({ externalId: ExternalIdSchema }),
  responses: { 200: { description: 'The member', schema: LoyaltyMemberSchema }, 404: NO_PROGRAM },
  async handle(ctx) {
    const { site, params } = ctx;
    const body = await loadMemberView(ctx, { siteId: site.id, clock: ctx.clock, externalId: params.externalId });
    return { status: 200, body };
  },
});

/** `POST /v1/admin/loyalty/scan`. */
export const scanLoyaltyMemberRoute = defineRoute({
  auth: 'admin',
  method: 'POST',
  path: API_PATHS.loyalty.scan,
  operationId: 'scanLoyaltyMember',
  summary: 'Find the member of a scanned QR token',
  description: GRANTS,
  tags: TAGS,
  body: MemberScanSchema,
  responses: {
    200: { description: 'The member', schema: LoyaltyMemberSchema },
    400: { description: 'The token is invalid or expired (`bad_request`)', schema: ErrorEnvelopeSchema },
    404: NO_PROGRAM,
  },
  async handle(ctx) {
    const { site, now, body } = ctx;
    const accountId = await verifyMemberToken(site.serverSecret, body.token, now);
    if (!accountId) throw new ApiError(400, 'bad_request', 'This member code is invalid or has expired: ask for a fresh one');
    const member = await loadMemberView(ctx, { siteId: site.id, clock: ctx.clock, accountId });
    return { status: 200, body: member };
  },
});
