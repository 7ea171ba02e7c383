import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Race tests run on PostgreSQL with the real clock (ARCHITECTURE.md, Tests). This keeps that true of every test
// file in the repository, present and future: a burst of concurrent calls lives in a *.race.test.ts file, and such a
// file builds its harness with createRaceHarness (real clock, PostgreSQL) and fires its bursts through
// concurrently(), which refuses anything else.
const root = new URL('..', import.meta.url).pathname;
const testFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'packages/server/src'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((path) => path.endsWith('.test.ts'));

const BURST = /Promise\.all\(\s*Array\.from\(/;
/** Bursts that decide nothing by time or lock, each with why: they run on both stores. */
const NOT_RACES = new Map([
  ['packages/server/src/store/storeContract.test.ts', 'the store keeps concurrent statements and transactions apart (PGlite queue, Postgres pool)'],
]);
const FROZEN = [/createTestClock/, /\bcreateHarness\(/, /clock\.(set|advance)\(/, /useFakeTimers/, /now:\s*h\.clock/];

describe('race tests never freeze the clock', () => {
  it('finds the race tests', () => {
    expect(testFiles.filter((path) => path.endsWith('.race.test.ts')).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps every burst of concurrent calls in a race test file', () => {
    const bursts = testFiles.filter(
      (path) => !path.endsWith('.race.test.ts') && !NOT_RACES.has(path) && BURST.test(readFileSync(`${root}${path}`, 'utf8')),
    );
    expect(bursts).toEqual([]);
  });

  it('builds every race test on the real clock and PostgreSQL, firing through concurrently()', () => {
    const offenders: string[] = [];
    for (const path of testFiles.filter((p) => p.endsWith('.race.test.ts'))) {
      const text = readFileSync(`${root}${path}`, 'utf8');
      if (!text.includes('createRaceHarness(')) offenders.push(`${path}: no createRaceHarness()`);
      if (!text.includes('concurrently(')) offenders.push(`${path}: no concurrently()`);
      for (const pattern of FROZEN) if (pattern.test(text)) offenders.push(`${path}: ${pattern.source}`);
    }
    expect(offenders).toEqual([]);
  });

  it('refuses a frozen clock at run time too', async () => {
    const { concurrently } = await import('../packages/server/src/testing/raceHarness.js');
    const { createRealClock, createTestClock } = await import('../packages/server/src/testing/testHarness.js');
    const frozen = { clock: createTestClock(), store: { kind: 'postgres' } } as never;
    await expect(concurrently(frozen, 2, async () => 1)).rejects.toThrow(/real clock/);
    const onPglite = { clock: createRealClock(), store: { kind: 'pglite' } } as never;
    await expect(concurrently(onPglite, 2, async () => 1)).rejects.toThrow(/PostgreSQL/);
    expect(() => createRealClock().advance(1)).toThrow(/real clock/);
  });
});
