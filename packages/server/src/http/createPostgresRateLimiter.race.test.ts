import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../store/createPostgresStore.js';
import type { RapportStore } from '../store/Store.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';
import { createPostgresRateLimiter } from './createPostgresRateLimiter.js';

// Two instances = two connection pools on one schema, each with its own limiter, on the real clock.
let h: Harness;
let other: RapportStore;

beforeAll(async () => {
  h = await createRaceHarness();
  other = await createPostgresStore({ connectionString: h.testStore.databaseUrl ?? '' });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await other?.close();
  await h?.dispose();
});

const rule = { windowMs: 60_000, max: 20 };

describe('createPostgresRateLimiter under real concurrency', () => {
  it('shares one count per key between instances: 60 concurrent requests over two pools admit 20', async () => {
    const limiters = [createPostgresRateLimiter(h.store), createPostgresRateLimiter(other)];
    const run = await concurrently(h, 60, (i) => limiters[i % 2]!.consume('pk:a|visitor:user:ada', rule, Date.now()));
    const allowed = run.results.filter((decision) => decision.allowed).length;
    console.log(`postgres rate limit: 60 concurrent requests on 2 pools, max 20 → ${allowed} allowed, ${60 - allowed} refused (${run.elapsedMs} ms)`);
    expect(allowed).toBe(20);
    const remaining = run.results.flatMap((decision) => (decision.allowed ? [decision.remaining] : [])).sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect((await limiters[1]!.consume('pk:a|visitor:user:ada', rule, Date.now())).allowed).toBe(false);
    expect(await limiters[0]!.consume('pk:a|visitor:user:grace', rule, Date.now())).toEqual({ allowed: true, remaining: 19 });
  });
});
