import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { createPostgresRateLimiter } from './createPostgresRateLimiter.js';

// The window rules at chosen instants (the limiter takes the time it is given); the same SQL runs on both stores.
let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

const T0 = Date.parse('2026-11-23T09:00:00.000Z');

describe('createPostgresRateLimiter windows', () => {
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

describe('createPostgresRateLimiter claims', () => {
  const count = async (key: string) =>
    (await t.store.query<{ n: number }>('SELECT count::int AS n FROM rate_limit_windows WHERE key = $1', [key])).rows[0]?.n ?? 0;

  it('claims a growing share of a large limit at once, admits exactly max in a window, and numbers what remains', async () => {
    let upserts = 0;
    const store = t.store;
    const counting = { ...store, query: ((sql: string, params?: unknown[]) => ((upserts += sql.includes('INSERT INTO rate_limit_windows') ? 1 : 0), store.query(sql, params))) as typeof store.query };
    const limiter = createPostgresRateLimiter(counting);
    const rule = { windowMs: 60_000, max: 160 };
    const remaining: number[] = [];
    for (let i = 0; i < 160; i += 1) {
      const decision = await limiter.consume('k:lease', rule, T0 + i);
      if (decision.allowed) remaining.push(decision.remaining);
    }
    expect(remaining).toEqual(Array.from({ length: 160 }, (_, i) => 159 - i));
    // Claims of 1, 2, 4, 8, then 10 (max / 16) at a time: 19 upserts, not 160.
    expect(upserts).toBe(19);
    expect(await limiter.consume('k:lease', rule, T0 + 200)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await count('k:lease')).toBeGreaterThan(160);
    // A new window starts over from claims of one.
    expect(await limiter.consume('k:lease', rule, T0 + 60_000)).toEqual({ allowed: true, remaining: 159 });
    expect(await count('k:lease')).toBe(1);
  });

  it('never lets two instances admit more than max between them', async () => {
    const limiters = [createPostgresRateLimiter(t.store), createPostgresRateLimiter(t.store)];
    const rule = { windowMs: 60_000, max: 64 };
    let allowed = 0;
    for (let i = 0; i < 200; i += 1) if ((await limiters[i % 2]!.consume('k:two', rule, T0 + i)).allowed) allowed += 1;
    // Each may hold up to max / 16 − 1 claimed requests the other cannot use: at most 3 short each, never over.
    expect(allowed).toBeLessThanOrEqual(64);
    expect(allowed).toBeGreaterThanOrEqual(64 - 2 * 3);
  });
});
