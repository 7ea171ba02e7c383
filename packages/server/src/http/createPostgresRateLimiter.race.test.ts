import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresStore } from '../store/createPostgresStore.js';
import type { RapportStore } from '../store/Store.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { createPostgresRateLimiter } from './createPostgresRateLimiter.js';
import type { RateLimitDecision } from './createRateLimiter.js';

// Two instances = two connection pools on one schema, each with its own limiter, on the real database clock-free:
// the limiter takes the time it is given, so windows are tested at chosen instants.
let t: TestStore;
let other: RapportStore;

beforeAll(async () => {
  if (process.env.RAPPORT_TEST_STORE !== 'postgres') throw new Error('*.race.test.ts files run on PostgreSQL only');
  t = await createTestStore();
  other = await createPostgresStore({ connectionString: t.databaseUrl ?? '' });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await other?.close();
  await t?.dispose();
});

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const rule = { windowMs: 60_000, max: 20 };

function tally(decisions: RateLimitDecision[]): { allowed: number; refused: number } {
  const allowed = decisions.filter((decision) => decision.allowed).length;
  return { allowed, refused: decisions.length - allowed };
}

describe('createPostgresRateLimiter', () => {
  it('shares one count per key between instances: 60 concurrent requests over two pools admit 20', async () => {
    const limiters = [createPostgresRateLimiter(t.store), createPostgresRateLimiter(other)];
    const started = performance.now();
    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, i) => limiters[i % 2]!.consume('pk:a|visitor:user:ada', rule, T0)),
    );
    const { allowed, refused } = tally(decisions);
    console.log(`postgres rate limit: 60 concurrent requests on 2 pools, max 20 → ${allowed} allowed, ${refused} refused (${Math.round(performance.now() - started)} ms)`);
    expect({ allowed, refused }).toEqual({ allowed: 20, refused: 40 });
    const remaining = decisions.flatMap((decision) => (decision.allowed ? [decision.remaining] : [])).sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await limiters[1]!.consume('pk:a|visitor:user:ada', rule, T0 + 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(await limiters[0]!.consume('pk:a|visitor:user:grace', rule, T0 + 20_000)).toEqual({ allowed: true, remaining: 19 });
  });

  it('opens a new window when the old one has ended or the clock was set back by more than a window', async () => {
    const limiter = createPostgresRateLimiter(t.store);
    const small = { windowMs: 1000, max: 1 };
    expect(await limiter.consume('k:window', small, T0)).toEqual({ allowed: true, remaining: 0 });
    expect(await limiter.consume('k:window', small, T0 + 999)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await limiter.consume('k:window', small, T0 + 1000)).toEqual({ allowed: true, remaining: 0 });
    // Stamped just before the window opened (read the clock first): counted in it.
    expect(await limiter.consume('k:window', small, T0 + 990)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await limiter.consume('k:window', small, T0 - 5000)).toEqual({ allowed: true, remaining: 0 });
  });

  it('deletes the windows that have ended in the background of a request, and keeps live ones', async () => {
    const count = async () => (await t.store.query<{ n: number }>('SELECT count(*)::int AS n FROM rate_limit_windows')).rows[0]?.n ?? 0;
    const before = await count();
    const limiter = createPostgresRateLimiter(t.store, { pruneEveryMs: 60_000 });
    const later = T0 + 3_600_000;
    // The limiter's first request also deletes every window ended by its time, without waiting for it.
    await limiter.consume('k:live', { windowMs: 600_000, max: 5 }, later);
    await vi.waitFor(async () => expect(await count()).toBe(1));
    const { rows } = await t.store.query<{ key: string }>('SELECT key FROM rate_limit_windows');
    expect(rows).toEqual([{ key: 'k:live' }]);
    expect(await limiter.prune(later + 1)).toBe(0);
    expect(await limiter.prune(later + 600_000)).toBe(1);
    console.log(`postgres rate limit: background prune deleted ${before} ended window(s), kept the live one`);
  });
});
