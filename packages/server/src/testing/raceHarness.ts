import type { CreateAppOptions } from '../createApp.js';
import { createHarness, createRealClock, type Harness } from './testHarness.js';

/**
 * The harness of a race test (`*.race.test.ts`): PostgreSQL and the real clock. A frozen clock serialises
 * time and once hid a ledger overspend; PGlite has one connection and runs everything one at a time. Both would
 * let a race test pass that real traffic fails, so this refuses them.
 */
export async function createRaceHarness(options: Omit<CreateAppOptions, 'store'> = {}): Promise<Harness> {
  if (process.env.RAPPORT_TEST_STORE !== 'postgres') {
    throw new Error('Race tests run on PostgreSQL: *.race.test.ts files belong to the server-postgres project only');
  }
  return createHarness(options, createRealClock());
}

/** What {@link concurrently} measured. */
export interface RaceRun<T> {
  results: T[];
  elapsedMs: number;
}

/**
 * Starts `count` calls of `fn` at once and waits for all of them. Refuses a harness on a frozen clock or on
 * PGlite: every burst in the suite goes through here, so no race test can be written that could not fail.
 */
export async function concurrently<T>(h: Harness, count: number, fn: (index: number) => Promise<T>): Promise<RaceRun<T>> {
  if (!h.clock.real) throw new Error('A race test must run on the real clock: build its harness with createRaceHarness()');
  if (h.store.kind !== 'postgres') throw new Error('A race test must run on PostgreSQL: build its harness with createRaceHarness()');
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, (_, index) => fn(index)));
  return { results, elapsedMs: Math.round(performance.now() - started) };
}
