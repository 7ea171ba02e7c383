import { API_PREFIX } from '../protocol.js';
import type { OwnerBootstrap } from '../schemas/ownerVisitor.js';
import type { Transport } from '../transport/createTransport.js';
import type { CallOptions } from './createVisitorResource.js';

// The contract loads lazily (its own chunk), so only pages that show the owner pay for it.
import { loadContract } from './loadContract.js';

/** The contact-owner badge's calls. The same answer comes with the bootstrap (`widgets.owner`). */
export interface OwnerResource {
  /**
   * The visitor's contact owner, whether they are in and who covers (`GET /v1/visitor/owner`): the bootstrap's
   * owner slot again, to call at its `refreshAt` (a shift starts or ends). Rejects with `not_found` when the
   * site has the owner widget off.
   */
  get(options?: CallOptions): Promise<OwnerBootstrap>;
}

/** Builds the `owner` resource of a client. */
export function createOwnerResource(transport: Transport): OwnerResource {
  return {
    get(options) {
      return transport({
        method: 'GET',
        path: `${API_PREFIX}/visitor/owner`,
        schema: () => loadContract().then((m) => m.OwnerBootstrapSchema),
        signal: options?.signal,
      });
    },
  };
}
