import { BootstrapResponseSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import { createSilentLogger } from '../logger.js';
import type { CreatedSite } from '../sites/createSite.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import { recordingStore } from '../testing/recordingStore.js';
import { createTestSite, type Harness } from '../testing/testHarness.js';

// Returning visitors arriving together on PostgreSQL, the real clock: their reads are gathered (createReadBatcher),
// and each must still get its own contact's answer, with nothing written.

let h: Harness;
let site: CreatedSite;
const statements: string[] = [];

beforeAll(async () => {
  h = await createRaceHarness();
  site = await createTestSite(h.store, { name: 'Batch Shop', enabledWidgets: ['feedback', 'preferences', 'loyalty', 'owner'] });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('the visitor reads of a returning visitor under real concurrency', () => {
  it('gathers the reads of visitors arriving together, each answered with its own contact', async () => {
    const app = createApp({ store: recordingStore(h.store, statements), logger: createSilentLogger(), rateLimit: false });
    const visitors = Array.from({ length: 24 }, (_, index) => `user_together_${index}`);
    const tokens = await Promise.all(visitors.map((id) => h.tokenFor(site, id, { name: `Guest ${id.slice(-2)}` })));
    const bootstrap = async (token: string) => {
      const response = await h.call('/v1/visitor/bootstrap', { site, bearer: token }, app);
      expect(response.status).toBe(200);
      return BootstrapResponseSchema.parse(await response.json());
    };
    // The first bootstrap creates each contact, the second caches its answer.
    for (const token of [...tokens, ...tokens]) await bootstrap(token);
    statements.length = 0;
    const { results, elapsedMs } = await concurrently(h, tokens.length, (index) => bootstrap(tokens[index]!));
    expect(results.map((answer) => answer.visitor.externalId)).toEqual(visitors);
    expect(statements.filter((sql) => /^(INSERT|UPDATE|DELETE|BEGIN)\b/i.test(sql))).toEqual([]);
    // A few statements for the key's site and the contacts, not two per visitor.
    expect(statements.length).toBeLessThan(visitors.length / 2);
    console.log(`visitor reads: ${visitors.length} concurrent returning visitors → ${statements.length} statements (${elapsedMs} ms)`);
  });
});
