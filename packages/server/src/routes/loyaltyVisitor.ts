import {
  ErrorEnvelopeSchema,
  LoyaltyAccountSummarySchema,
  MemberTokenSchema,
  RedemptionRequestSchema,
  RedemptionResultSchema,
} from '@rapport/core/schemas';
import { defineRoute } from '../http/defineRoute.js';
import { markCelebrationsSeen } from '../loyalty/ledgerQueries.js';
import { loadVisitorCard } from '../loyalty/loadVisitorCard.js';
import { memberQr } from '../loyalty/memberQr.js';
import { signMemberToken } from '../loyalty/memberToken.js';
import { openVisitorAccount, readCard } from '../loyalty/openAccount.js';
import { redeemReward } from '../loyalty/redeemReward.js';
import { API_PATHS } from './apiPaths.js';

const TAGS = ['visitor', 'loyalty'];
const FORBIDDEN = { description: 'An anonymous visitor has no card: sign in first (`forbidden`)', schema: ErrorEnvelopeSchema };
const NO_PROGRAM = { description: 'The site has no loyalty program (`not_found`)', schema: ErrorEnvelopeSchema };

/** `GET /v1/visitor/loyalty`: the visitor's card. */
export const getVisitorLoyaltyRoute = defineRoute({
  auth: 'visitor',
  method: 'GET',
  path: API_PATHS.loyalty.card,
  operationId: 'getVisitorLoyalty',
  summary: 'The visitor’s loyalty card',
  description:
    'The first read joins the program and grants the welcome points. Birthday (from the contact’s `birthday` trait) and ' +
    'membership-anniversary rewards are granted on the first read (or admin read or write of the member) within 30 days ' +
    'after the date, once a year each (and by the scheduled job on the day); `celebration` shows the latest until it is ' +
    'marked seen. Points past their expiry are written off by the scheduled job, or by the first read after it when the ' +
    'job has not run yet. A member with nothing due is read without a write.',
  tags: TAGS,
  responses: { 200: { description: 'The card', schema: LoyaltyAccountSummarySchema }, 403: FORBIDDEN, 404: NO_PROGRAM },
  async handle(ctx) {
    const body = await loadVisitorCard(ctx, { siteId: ctx.site.id, visitor: ctx.visitor, clock: ctx.clock });
    return { status: 200, body };
  },
});

/** `POST /v1/visitor/loyalty/redemptions`. */
export const redeemRewardRoute = defineRoute({
  auth: 'visitor',
  method: 'POST',
  path: API_PATHS.loyalty.redemptions,
  operationId: 'redeemLoyaltyReward',
  summary: 'Spend points on a reward',
  description:
    'The body’s `id` (made by the client) is the idempotency key: sent again, the original redemption comes back (200); ' +
    'the same id for another reward is 422 `idempotency_conflict`. Not enough spendable points (pending ones do not count) ' +
    'is 409 `insufficient_points`.',
  tags: TAGS,
  body: RedemptionRequestSchema,
  responses: {
    200: { description: 'The original redemption of this id', schema: RedemptionResultSchema },
    201: { description: 'Redeemed: the code and what to do with it', schema: RedemptionResultSchema },
    403: FORBIDDEN,
    404: { description: 'No program, or no such reward (`not_found`)', schema: ErrorEnvelopeSchema },
    409: { description: 'Not enough points (`insufficient_points`)', schema: ErrorEnvelopeSchema },
    422: { description: 'Invalid body, or the id was used for another reward (`idempotency_conflict`)', schema: ErrorEnvelopeSchema },
  },
  async handle(ctx) {
    const { site, visitor, body } = ctx;
    const { result, created } = await ctx.transaction(async (tx) => {
      const open = await openVisitorAccount(tx, { siteId: site.id, visitor, clock: ctx.clock });
      return redeemReward(tx, open.scope, open.account, body);
    });
    return { status: created ? 201 : 200, body: result };
  },
});

/** `POST /v1/visitor/loyalty/member-token`. */
export const memberTokenRoute = defineRoute({
  auth: 'visitor',
  method: 'POST',
  path: API_PATHS.loyalty.memberToken,
  operationId: 'createLoyaltyMemberToken',
  summary: 'A short-lived signed token for the member QR code',
  description:
    'Valid for 5 minutes; the shop scans it with `POST /v1/admin/loyalty/scan`. It carries no external id. `qr` is the code ' +
    'already drawn as an SVG path, so the browser needs no QR encoder.',
  tags: TAGS,
  responses: { 200: { description: 'The token', schema: MemberTokenSchema }, 403: FORBIDDEN, 404: NO_PROGRAM },
  async handle(ctx) {
    const { site, visitor, now } = ctx;
    const open = await ctx.transaction((tx) => openVisitorAccount(tx, { siteId: site.id, visitor, clock: ctx.clock }));
    const { token, expiresAt } = await signMemberToken(site.serverSecret, open.account.id, now);
    return { status: 200, body: { token, expiresAt: expiresAt.toISOString(), qr: memberQr(token) } };
  },
});

/** `POST /v1/visitor/loyalty/celebrations/seen`. */
export const celebrationSeenRoute = defineRoute({
  auth: 'visitor',
  method: 'POST',
  path: API_PATHS.loyalty.celebrationsSeen,
  operationId: 'markLoyaltyCelebrationSeen',
  summary: 'Mark the card’s celebration as seen',
  tags: TAGS,
  responses: { 200: { description: 'The card, without the celebration', schema: LoyaltyAccountSummarySchema }, 403: FORBIDDEN, 404: NO_PROGRAM },
  async handle(ctx) {
    const { site, visitor } = ctx;
    const body = await ctx.transaction(async (tx) => {
      const open = await openVisitorAccount(tx, { siteId: site.id, visitor, clock: ctx.clock });
      const seenAt = open.scope.now;
      await markCelebrationsSeen(tx, open.account.id, seenAt);
      return readCard(tx, { ...open, account: { ...open.account, celebrations_seen_at: seenAt } });
    });
    return { status: 200, body };
  },
});
