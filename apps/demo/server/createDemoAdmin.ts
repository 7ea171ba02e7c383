import { createRapportAdmin, type RapportAdmin } from '@rapport/node';
import { AsyncLocalStorage } from 'node:async_hooks';

/** Options of {@link createDemoAdmin}. */
export interface DemoAdminOptions {
  /** Public URL of the Rapport API (links it builds point there). Required. */
  baseUrl: string;
  /** The demo site's secret key. Required. */
  secretKey: string;
  /** How the API is reached: in the demo, the in-process app's `request`. Required. */
  fetch: typeof fetch;
}

/** The demo server's one `@rapport/node` admin client. */
export interface DemoAdmin {
  admin: RapportAdmin;
  /**
   * Runs `call` and reports the HTTP status of the API's last answer to it (the console tells a replayed ledger
   * write, 200, from a new one, 201). `null` when no answer came (the SDK refused the input itself).
   */
  withStatus<T>(call: () => Promise<T>): Promise<{ result: T; status: number | null }>;
}

/** The business's server side of Rapport in the demo: `createRapportAdmin` with the site's secret key. */
export function createDemoAdmin({ baseUrl, secretKey, fetch }: DemoAdminOptions): DemoAdmin {
  // Per call, not per client: console calls run concurrently.
  const statuses = new AsyncLocalStorage<{ status: number | null }>();
  const admin = createRapportAdmin({
    baseUrl,
    secretKey,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const seen = statuses.getStore();
      if (seen) seen.status = response.status;
      return response;
    },
  });
  return {
    admin,
    async withStatus(call) {
      const seen: { status: number | null } = { status: null };
      const result = await statuses.run(seen, call);
      return { result, status: seen.status };
    },
  };
}
