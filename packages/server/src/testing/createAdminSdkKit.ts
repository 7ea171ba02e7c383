import { createRapportAdmin, RAPPORT_ADMIN_OPERATIONS, type RapportAdmin, type RapportAdminOptions } from '@rapport/node';
import type { CreatedSite } from '../sites/createSite.js';
import { createTestSite, type Harness } from './testHarness.js';

const BASE_URL = 'http://rapport.test';

/** Which admin operation a request is, by its method and path (the SDK's own table, matched as templates). */
function operationOf(method: string, url: string): string | undefined {
  const path = new URL(url).pathname;
  return Object.entries(RAPPORT_ADMIN_OPERATIONS).find(([, entry]) => {
    if (entry.method !== method) return false;
    const template = new RegExp(`^${entry.path.replace(/\{\w+\}/g, '[^/]+')}$`);
    return template.test(path);
  })?.[0];
}

/** The @rapport/node admin client over the real app in-process, on one test site. */
export interface AdminSdkKit {
  site: CreatedSite;
  admin: RapportAdmin;
  /** Operation ids of every request that reached the app (retries included), in order. */
  called: string[];
  /** Every request that reached the app: method, path and search, and its `Idempotency-Key`. */
  requests: { method: string; url: string; idempotencyKey: string | null }[];
  /** Makes the next `count` requests fail as a dropped connection: `before` the app sees them, or `after` it answered. */
  dropNext(count: number, when: 'before' | 'after'): void;
  /** Another client over the same app (say, with another secret key). */
  makeAdmin(options?: Partial<RapportAdminOptions>): RapportAdmin;
}

/** Builds an {@link AdminSdkKit} on a new test site of `h` (or `site`). */
export async function createAdminSdkKit(h: Harness, site?: CreatedSite): Promise<AdminSdkKit> {
  const on = site ?? (await createTestSite(h.store));
  let drops: { count: number; when: 'before' | 'after' } = { count: 0, when: 'before' };
  const kit: AdminSdkKit = {
    site: on,
    admin: undefined as unknown as RapportAdmin,
    called: [],
    requests: [],
    dropNext: (count, when) => {
      drops = { count, when };
    },
    makeAdmin: (options = {}) =>
      createRapportAdmin({
        baseUrl: BASE_URL,
        secretKey: on.secretKey,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        async fetch(input, init) {
          const url = String(input);
          const method = init?.method ?? 'GET';
          const drop = drops.count > 0 ? drops.when : null;
          if (drop) drops.count -= 1;
          if (drop === 'before') throw new TypeError('fetch failed (dropped before the server)');
          kit.called.push(operationOf(method, url) ?? `${method} ${url}`);
          kit.requests.push({ method, url, idempotencyKey: new Headers(init?.headers).get('idempotency-key') });
          const response = await h.app.request(url, init);
          if (drop === 'after') throw new TypeError('fetch failed (dropped after the server answered)');
          return response;
        },
        ...options,
      }),
  };
  kit.admin = kit.makeAdmin();
  return kit;
}

/** Operation ids of the SDK's admin table for the given domains (`loyalty`, `site`, …), to check a suite called each. */
export function operationsOfDomains(...domains: string[]): string[] {
  return Object.entries(RAPPORT_ADMIN_OPERATIONS)
    .filter(([, entry]) => domains.includes(entry.sdkMethod.split('.')[0]!))
    .map(([operationId]) => operationId)
    .sort();
}
