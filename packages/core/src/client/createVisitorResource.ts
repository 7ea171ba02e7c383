import { RapportError } from '../errors/RapportError.js';
import { API_PREFIX } from '../protocol.js';
import { loadContract } from './loadContract.js';
import type { BootstrapResponse } from '../schemas/bootstrap.js';
import type { VisitorProfileUpdate, VisitorSession } from '../schemas/visitor.js';
import { createId } from '../transport/createId.js';
import type { Transport } from '../transport/createTransport.js';
import { toIssues } from '../transport/toIssues.js';

import type { VisitorIdentity } from './createVisitorIdentity.js';

// The contract loads lazily (its own chunk), in parallel with the first request: see SchemaSource.
const bootstrapSchema = () => loadContract().then((m) => m.BootstrapResponseSchema);

/** Per-call options of every resource method. */
export interface CallOptions {
  /** Cancels the call (and its retries). */
  signal?: AbortSignal;
}

/** Per-call options of a write. */
export interface WriteOptions extends CallOptions {
  /** Idempotency key; a fresh random one when omitted. Pass the same key to retry the same write safely. */
  idempotencyKey?: string;
}

/** Who the visitor is, and their own settings. */
export interface VisitorResource {
  /** Everything every widget needs for its first render, in one request (`GET /v1/visitor/bootstrap`). */
  bootstrap(options?: CallOptions): Promise<BootstrapResponse>;
  /** Changes the visitor's own locale or time zone (`PATCH /v1/visitor/profile`). */
  updateProfile(input: VisitorProfileUpdate, options?: WriteOptions): Promise<VisitorSession>;
}

/** Builds the `visitor` resource of a client. */
export function createVisitorResource(transport: Transport, identity: VisitorIdentity): VisitorResource {
  async function bootstrapOnce(options: CallOptions | undefined): Promise<BootstrapResponse> {
    const headers = await identity.mergeHeaders();
    const result = await transport({
      method: 'GET',
      path: `${API_PREFIX}/visitor/bootstrap`,
      schema: bootstrapSchema,
      headers,
      signal: options?.signal,
    });
    identity.remember(result.visitor);
    return result;
  }

  return {
    async bootstrap(options) {
      try {
        return await bootstrapOnce(options);
      } catch (error) {
        // A stored anonymous token can go stale (expired, secret rotated): drop it and start afresh, once.
        if (error instanceof RapportError && error.code === 'unauthorized' && (await identity.forgetStaleAnonymous())) {
          return bootstrapOnce(options);
        }
        throw error;
      }
    },
    async updateProfile(input, options) {
      const { VisitorProfileUpdateSchema, VisitorSessionSchema } = await loadContract();
      const parsed = VisitorProfileUpdateSchema.safeParse(input);
      if (!parsed.success) {
        throw new RapportError('Invalid profile update', { code: 'validation', issues: toIssues(parsed.error.issues) });
      }
      return transport({
        method: 'PATCH',
        path: `${API_PREFIX}/visitor/profile`,
        body: parsed.data,
        schema: VisitorSessionSchema,
        idempotencyKey: options?.idempotencyKey ?? createId('idem_'),
        signal: options?.signal,
      });
    },
  };
}
