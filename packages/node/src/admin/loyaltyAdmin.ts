import {
  LedgerWriteResultSchema,
  LoyaltyAdjustmentSchema,
  LoyaltyAwardSchema,
  LoyaltyMemberListQuerySchema,
  LoyaltyMemberPageSchema,
  LoyaltyMemberSchema,
  LoyaltyProgramInputSchema,
  LoyaltyProgramSchema,
  LoyaltyReversalSchema,
  MemberScanSchema,
} from '@rapport/core/schemas';
import type * as z from 'zod/mini';
import { operation, type MethodsFor, type AdminCallOptions, type AdminWriteOptions, type QueryInput } from './AdminOperation.js';
import type { AdminCall } from './createAdminCall.js';
import { paginate } from './paginate.js';

const LOYALTY = '/v1/admin/loyalty';

/** The loyalty operations, by SDK method name. */
export const loyaltyOperations = {
  getProgram: operation({ operationId: 'getLoyaltyProgram', method: 'GET', path: `${LOYALTY}/program`, response: LoyaltyProgramSchema, retry: 'read' }),
  putProgram: operation({
    operationId: 'putLoyaltyProgram',
    method: 'PUT',
    path: `${LOYALTY}/program`,
    body: LoyaltyProgramInputSchema,
    response: LoyaltyProgramSchema,
    retry: 'natural',
  }),
  award: operation({ operationId: 'awardLoyaltyPoints', method: 'POST', path: `${LOYALTY}/awards`, body: LoyaltyAwardSchema, response: LedgerWriteResultSchema, retry: 'natural' }),
  reverse: operation({
    operationId: 'reverseLoyaltyAward',
    method: 'POST',
    path: `${LOYALTY}/reversals`,
    body: LoyaltyReversalSchema,
    response: LedgerWriteResultSchema,
    retry: 'natural',
  }),
  adjust: operation({
    operationId: 'adjustLoyaltyPoints',
    method: 'POST',
    path: `${LOYALTY}/adjustments`,
    body: LoyaltyAdjustmentSchema,
    response: LedgerWriteResultSchema,
    retry: 'natural',
  }),
  getMember: operation({
    operationId: 'getContactLoyalty',
    method: 'GET',
    path: '/v1/admin/contacts/{externalId}/loyalty',
    response: LoyaltyMemberSchema,
    retry: 'read',
  }),
  scan: operation({ operationId: 'scanLoyaltyMember', method: 'POST', path: `${LOYALTY}/scan`, body: MemberScanSchema, response: LoyaltyMemberSchema, retry: 'natural' }),
  listMembers: operation({
    operationId: 'listLoyaltyMembers',
    method: 'GET',
    path: `${LOYALTY}/members`,
    query: LoyaltyMemberListQuerySchema,
    response: LoyaltyMemberPageSchema,
    retry: 'read',
  }),
} as const;

/** Filters of `loyalty.listMembers` and `loyalty.members`. */
export type LoyaltyMemberQuery = QueryInput<typeof LoyaltyMemberListQuerySchema>;

/** The loyalty program, the ledger writes (award, reverse, adjust) and the members. */
export function createLoyaltyAdmin(call: AdminCall) {
  const ops = loyaltyOperations;
  return {
    /** The current program. */
    getProgram: (options?: AdminCallOptions) => call(ops.getProgram, {}, options),
    /** Writes the program: a changed one is a new version; ledger entries already written never change. */
    putProgram: (program: z.input<typeof LoyaltyProgramInputSchema>, options?: AdminWriteOptions) => call(ops.putProgram, { body: program }, options),
    /**
     * Awards points for an order. `orderId` is the idempotency key: the same order again answers with the original
     * entry, never a second award, so call it from every "order paid" signal you get. The contact is created if new.
     */
    award: (award: z.input<typeof LoyaltyAwardSchema>, options?: AdminWriteOptions) =>
      call(ops.award, { body: award, idempotencyKey: award.orderId }, options),
    /** Takes back an order's award (refund, cancellation), once per order, never below a zero balance. */
    reverse: (reversal: z.input<typeof LoyaltyReversalSchema>, options?: AdminWriteOptions) =>
      call(ops.reverse, { body: reversal, idempotencyKey: `reversal:${reversal.orderId}` }, options),
    /** Corrects a member's points with a reason; `key` is its idempotency key. */
    adjust: (adjustment: z.input<typeof LoyaltyAdjustmentSchema>, options?: AdminWriteOptions) =>
      call(ops.adjust, { body: adjustment, idempotencyKey: `adjustment:${adjustment.key}` }, options),
    /** A member's card and ledger, by your user id. */
    getMember: (externalId: string, options?: AdminCallOptions) => call(ops.getMember, { params: { externalId } }, options),
    /** The member behind a scanned member QR code (the token in it). */
    scan: (token: string, options?: AdminWriteOptions) => call(ops.scan, { body: { token } }, options),
    /** A page of members, newest first, optionally searched by `q`. */
    listMembers: (query: LoyaltyMemberQuery = {}, options?: AdminCallOptions) => call(ops.listMembers, { query }, options),
    /** Every member matching `q`, page after page. */
    members: (query: Omit<LoyaltyMemberQuery, 'cursor'> = {}, options?: AdminCallOptions) =>
      paginate((cursor) => call(ops.listMembers, { query: { ...query, cursor } }, options), (page) => page.members),
  } satisfies MethodsFor<typeof ops>;
}
