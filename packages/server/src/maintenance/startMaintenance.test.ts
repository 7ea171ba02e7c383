import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSilentLogger, type RapportLogger } from '../logger.js';
import { startServer } from '../startServer.js';
import type { RapportStore } from '../store/Store.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { createTestSite } from '../testing/testHarness.js';
import { startMaintenance } from './startMaintenance.js';

let t: TestStore;
let siteId: string;
const NOW = new Date('2026-11-23T09:00:00.000Z');

beforeAll(async () => {
  t = await createTestStore();
  siteId = (await createTestSite(t.store)).site.id;
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

async function addKey(key: string, ageHours: number): Promise<void> {
  await t.store.query(
    `INSERT INTO idempotency_keys (site_id, scope, key, request_hash, created_at) VALUES ($1, 'maintenance', $2, 'h', $3)`,
    [siteId, key, new Date(NOW.getTime() - ageHours * 3_600_000)],
  );
}

async function keys(): Promise<string[]> {
  const { rows } = await t.store.query<{ key: string }>(
    `SELECT key FROM idempotency_keys WHERE site_id = $1 AND scope = 'maintenance' ORDER BY key`,
    [siteId],
  );
  return rows.map((row) => row.key);
}

describe('startMaintenance', () => {
  it('prunes expired keys at start and on every tick, by the injected clock', async () => {
    await addKey('expired-1', 30);
    const maintenance = startMaintenance({ store: t.store, intervalMs: 20, clock: () => NOW, logger: createSilentLogger() });
    try {
      await vi.waitFor(async () => expect(await keys()).toEqual([]));
      await addKey('expired-2', 25);
      await addKey('live', 1);
      await vi.waitFor(async () => expect(await keys()).toEqual(['live']));
      expect(await maintenance.runNow()).toEqual({ idempotencyKeysPruned: 0, loyaltyRewardsGranted: 0, changeCountersFolded: 0, loyaltyAccountsSettled: 0 });
    } finally {
      await maintenance.stop();
    }
  });

  it('logs a failed run and keeps going', async () => {
    const failing = { query: () => Promise.reject(new Error('database is down')) } as unknown as RapportStore;
    const errors: [string, unknown][] = [];
    const logger: RapportLogger = { info: () => undefined, error: (message, fields) => errors.push([message, fields?.error]) };
    const maintenance = startMaintenance({ store: failing, intervalMs: 10, clock: () => NOW, logger });
    try {
      // Both jobs of the first run, then the next runs: a failing job neither stops the other nor the loop.
      await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(4));
      expect(errors.slice(0, 2).map(([message]) => message)).toEqual([
        'Maintenance job failed: loyalty rewards',
        'Maintenance job failed: idempotency keys',
      ]);
      expect(errors[0]?.[1]).toBeInstanceOf(Error);
    } finally {
      await maintenance.stop();
    }
    await expect(maintenance.runNow()).rejects.toThrow('database is down');
  });

  it('refuses an interval that is not a positive integer', () => {
    expect(() => startMaintenance({ store: t.store, intervalMs: 0, logger: createSilentLogger() })).toThrow(RangeError);
  });

  it('runs inside startServer and stops with it (or not at all when turned off)', async () => {
    await addKey('expired-3', 48);
    // On PostgreSQL the timer runs above count as this database's last run, which an hourly loop would wait out.
    await t.store.query('DELETE FROM maintenance_runs');
    const server = await startServer({
      store: t.store,
      port: 0,
      seed: false,
      logger: createSilentLogger(),
      app: { clock: () => NOW },
    });
    await vi.waitFor(async () => expect(await keys()).toEqual(['live']));
    expect(server.maintenance).not.toBeNull();
    await server.close();

    await addKey('expired-4', 48);
    const off = await startServer({ store: t.store, port: 0, seed: false, logger: createSilentLogger(), maintenanceIntervalMs: false });
    expect(off.maintenance).toBeNull();
    await off.close();
    expect(await keys()).toEqual(['expired-4', 'live']);
  });
});
