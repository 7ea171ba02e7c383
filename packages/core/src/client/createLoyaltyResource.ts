import type * as z from 'zod/mini';
import { RapportError } from '../errors/RapportError.js';
import { API_PREFIX } from '../protocol.js';
import type { LoyaltyAccountSummary, MemberToken, RedemptionResult } from '../schemas/loyaltyVisitor.js';
import { createId } from '../transport/createId.js';
import type { SchemaSource, Transport } from '../transport/createTransport.js';
import { toIssues } from '../transport/toIssues.js';
import type { CallOptions, WriteOptions } from './createVisitorResource.js';

// The contract loads lazily (its own chunk), so only pages that use the card pay for it.
import { loadContract } from './loadContract.js';

const PATH = `${API_PREFIX}/visitor/loyalty`;
const cardSchema = () => loadContract().then((m) => m.LoyaltyAccountSummarySchema);

/** What {@link LoyaltyResource.redeem} spends points on. */
export interface RedemptionInput {
  /** A catalog reward's id, or `STAMP_REWARD_ID` to claim a full stamp card. Required. */
  rewardId: string;
  /**
   * The redemption's id, also its idempotency key: the same id again replays the original redemption instead
   * of spending twice. 8–64 letters, digits, `_` or `-`. Default: a fresh random one (`rd_…`).
   */
  id?: string;
}

/** The loyalty card's calls. The signed-in visitor's card also comes with the bootstrap. */
export interface LoyaltyResource {
  /**
   * The visitor's card (`GET /v1/visitor/loyalty`); the first read joins the program. Rejects with
   * `forbidden` for an anonymous visitor, `not_found` when the site has no program.
   */
  card(options?: CallOptions): Promise<LoyaltyAccountSummary>;
  /**
   * Checks `input` against the contract (rejects with code `validation`, nothing sent), then spends points on
   * the reward (`POST /v1/visitor/loyalty/redemptions`). The redemption's id is sent as the idempotency key
   * too, so the client's retries replay it instead of redeeming twice. Resolves with the code to show.
   * Rejects with `insufficient_points` (pending points do not count; a stamp card not yet full),
   * `not_found` for an unknown reward, `forbidden` for an anonymous visitor, `idempotency_conflict` for an
   * id already used for another reward. `options.idempotencyKey` is ignored: the id is the key.
   */
  redeem(input: RedemptionInput, options?: WriteOptions): Promise<RedemptionResult>;
  /**
   * A short-lived signed member token with its QR code drawn (`POST /v1/visitor/loyalty/member-token`),
   * valid until `expiresAt` (5 minutes). Keep it in memory only. Rejects like {@link LoyaltyResource.card}.
   */
  memberToken(options?: CallOptions): Promise<MemberToken>;
  /**
   * Marks the card's celebration as seen (`POST /v1/visitor/loyalty/celebrations/seen`), so it shows once;
   * resolves with the card without it. Rejects like {@link LoyaltyResource.card}.
   */
  markCelebrationSeen(options?: WriteOptions): Promise<LoyaltyAccountSummary>;
}

/** Builds the `loyalty` resource of a client. */
export function createLoyaltyResource(transport: Transport): LoyaltyResource {
  // Both are safe to repeat, so they carry a key: the transport retries keyed writes like reads.
  const post = <S extends z.ZodMiniType>(path: string, schema: SchemaSource<S>, options: WriteOptions | undefined) =>
    transport({
      method: 'POST',
      path: `${PATH}${path}`,
      schema,
      idempotencyKey: options?.idempotencyKey ?? createId('idem_'),
      signal: options?.signal,
    });

  return {
    card: (options) => transport({ method: 'GET', path: PATH, schema: cardSchema, signal: options?.signal }),
    async redeem(input, options) {
      const { RedemptionRequestSchema, RedemptionResultSchema } = await loadContract();
      const parsed = RedemptionRequestSchema.safeParse({ ...input, id: input.id ?? createId('rd_') });
      if (!parsed.success) {
        throw new RapportError('Invalid redemption', { code: 'validation', issues: toIssues(parsed.error.issues) });
      }
      return transport({
        method: 'POST',
        path: `${PATH}/redemptions`,
        body: parsed.data,
        schema: RedemptionResultSchema,
        idempotencyKey: parsed.data.id,
        signal: options?.signal,
      });
    },
    memberToken: (options) => post('/member-token', () => loadContract().then((m) => m.MemberTokenSchema), options),
    markCelebrationSeen: (options) => post('/celebrations/seen', cardSchema, options),
  };
}
