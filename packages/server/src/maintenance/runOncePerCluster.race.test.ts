import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../logger.js';
import { createPostgresStore } from '../store/createPostgresStore.js';
import type { RapportStore } from '../store/Store.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';
import { runOncePerCluster } from './runOncePerCluster.js';
import { startMaintenance } from './startMaintenance.js';

// Two instances = two connection pools on one schema, on the real clock (the lock and the interval use the
// database's time).
let h: Harness;
let t: { store: RapportStore };
let other: RapportStore;

beforeAll(async () => {
  h = await createRaceHarness();
  t = { store: h.store };
  other = await createPostgresStore({ connectionString: h.testStore.databaseUrl ?? '' });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(async () => {
  await other?.close();
  await h?.dispose();
});

interface RunRow {
  instance: string;
  trigger: string;
  failed: boolean;
  gap_ms: number | null;
}

async function runs(): Promise<RunRow[]> {
  const { rows } = await t.store.query<RunRow>(
    `SELECT instance, trigger, failed,
            (extract(epoch FROM started_at - lag(started_at) OVER (ORDER BY started_at)) * 1000)::int AS gap_ms
     FROM maintenance_runs ORDER BY started_at`,
  );
  return rows;
}

describe('runOncePerCluster', () => {
  it('runs one of 20 timer runs fired at once from two instances', async () => {
    await t.store.query('DELETE FROM maintenance_runs');
    let ran = 0;
    const run = await concurrently(h, 20, (i) =>
      runOncePerCluster(i % 2 === 0 ? t.store : other, { intervalMs: 60_000, trigger: 'timer', instance: `i${i % 2}` }, async () => {
        ran += 1;
        return 'ran';
      }),
    );
    console.log(`maintenance: 20 timer runs at once on 2 instances → ${ran} ran, ${run.results.filter((r) => r === null).length} skipped (${run.elapsedMs} ms)`);
    expect(ran).toBe(1);
    expect((await runs()).length).toBe(1);
  });

  it('skips a timer run of a second instance in the same interval; a manual run always runs', async () => {
    await t.store.query('DELETE FROM maintenance_runs');
    const work = async () => 'ran';
    expect(await runOncePerCluster(t.store, { intervalMs: 60_000, trigger: 'timer', instance: 'a' }, work)).toBe('ran');
    expect(await runOncePerCluster(other, { intervalMs: 60_000, trigger: 'timer', instance: 'b' }, work)).toBeNull();
    expect(await runOncePerCluster(other, { intervalMs: 60_000, trigger: 'manual', instance: 'b' }, work)).toBe('ran');
    expect((await runs()).map((run) => `${run.instance}:${run.trigger}`)).toEqual(['a:timer', 'b:manual']);
  });

  it('skips a timer run while another instance runs, and a manual run waits for it', async () => {
    await t.store.query('DELETE FROM maintenance_runs');
    let finish = () => undefined as void;
    const order: string[] = [];
    const slow = runOncePerCluster(t.store, { intervalMs: 1, trigger: 'manual', instance: 'a' }, async () => {
      order.push('a started');
      await new Promise<void>((resolve) => (finish = resolve));
      order.push('a finished');
    });
    while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await runOncePerCluster(other, { intervalMs: 1, trigger: 'timer', instance: 'b' }, async () => order.push('b timer'))).toBeNull();
    const waiting = runOncePerCluster(other, { intervalMs: 1, trigger: 'manual', instance: 'b' }, async () => order.push('b manual'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    finish();
    await Promise.all([slow, waiting]);
    expect(order).toEqual(['a started', 'a finished', 'b manual']);
  });

  it('records a failed run as failed and rethrows its error', async () => {
    await t.store.query('DELETE FROM maintenance_runs');
    const failing = runOncePerCluster(t.store, { intervalMs: 60_000, trigger: 'timer', instance: 'a' }, () => Promise.reject(new Error('job broke')));
    await expect(failing).rejects.toThrow('job broke');
    expect((await runs()).map((run) => run.failed)).toEqual([true]);
    // The failed run still counts for its interval: the other instance does not rerun it at once.
    expect(await runOncePerCluster(other, { intervalMs: 60_000, trigger: 'timer', instance: 'b' }, async () => 'ran')).toBeNull();
  });

  it('two maintenance loops on one database run once per interval between them', async () => {
    await t.store.query('DELETE FROM maintenance_runs');
    const intervalMs = 200;
    const started = performance.now();
    const loops = [t.store, other].map((store) => startMaintenance({ store, intervalMs, logger: createSilentLogger() }));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await Promise.all(loops.map((loop) => loop.stop()));
    const elapsedMs = Math.round(performance.now() - started);
    const rows = await runs();
    const gaps = rows.flatMap((run) => (run.gap_ms === null ? [] : [run.gap_ms]));
    console.log(
      `maintenance: 2 loops, interval ${intervalMs} ms, ${elapsedMs} ms → ${rows.length} runs in the cluster ` +
        `(each loop ticked ~${Math.round(elapsedMs / intervalMs)} times); gaps between runs ${Math.min(...gaps)}–${Math.max(...gaps)} ms`,
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((run) => run.trigger === 'timer' && !run.failed)).toBe(true);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(intervalMs * 0.9);
  });
});
