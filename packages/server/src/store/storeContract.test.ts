import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { isUniqueViolation, sqlState, type RapportStore } from './Store.js';

const expectedKind = process.env.RAPPORT_TEST_STORE ?? 'pglite';

describe(`store contract (${expectedKind})`, () => {
  let testStore: TestStore;
  let store: RapportStore;

  beforeAll(async () => {
    testStore = await createTestStore({ migrate: false });
    store = testStore.store;
  }, STORE_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await testStore?.dispose();
  });

  it('is the store the test project asked for', () => {
    expect(store.kind).toBe(expectedKind);
  });

  it('applies every migration once, also when two instances migrate at the same time', async () => {
    const results = await Promise.all([migrate(store), migrate(store)]);
    const applied = results.flatMap((result) => result.applied);
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.id));
    expect(await migrate(store)).toEqual({ applied: [] });
    const { rows } = await store.query<{ id: number; name: string }>('SELECT id, name FROM rapport_migrations ORDER BY id');
    expect(rows).toEqual(MIGRATIONS.map(({ id, name }) => ({ id, name })));
    const tables = await store.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'consent_checkpoints',
      'consent_events',
      'contact_changes',
      'contact_owners',
      'contact_preferences',
      'contacts',
      'feedback_display_counts',
      'feedback_events',
      'feedback_response_counts',
      'feedback_responses',
      'idempotency_keys',
      'loyalty_accounts',
      'loyalty_ledger',
      'loyalty_pending',
      'loyalty_programs',
      'loyalty_redemptions',
      'maintenance_runs',
      'owner_assignments',
      'owner_settings',
      'preference_catalogs',
      'preference_choices',
      'preference_confirmations',
      'preference_frequencies',
      'rapport_migrations',
      'rate_limit_windows',
      'site_changes',
      'site_publishable_keys',
      'site_secret_keys',
      'sites',
      'staff',
      'surveys',
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_endpoints',
      'webhook_events',
    ]);
  });

  it('round-trips text[], jsonb, timestamptz and null the same way on both stores', async () => {
    await store.query('CREATE TABLE contract_types (id text PRIMARY KEY, a text[], j jsonb, t timestamptz, n integer)');
    const at = new Date('2026-11-23T09:30:00.123Z');
    await store.query('INSERT INTO contract_types VALUES ($1, $2::text[], $3::jsonb, $4, $5)', [
      'x',
      ['a', 'b,c', 'd"e'],
      JSON.stringify({ k: [1, 'two', null] }),
      at,
      null,
    ]);
    const { rows } = await store.query('SELECT * FROM contract_types');
    expect(rows).toEqual([{ id: 'x', a: ['a', 'b,c', 'd"e'], j: { k: [1, 'two', null] }, t: at, n: null }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await store.query('CREATE TABLE contract_tx (id text PRIMARY KEY)');
    const value = await store.transaction(async (tx) => {
      await tx.query("INSERT INTO contract_tx VALUES ('kept')");
      return 42;
    });
    expect(value).toBe(42);
    await expect(
      store.transaction(async (tx) => {
        await tx.query("INSERT INTO contract_tx VALUES ('dropped')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await store.query<{ id: string }>('SELECT id FROM contract_tx ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(['kept']);
  });

  it('surfaces unique violations as errors with SQLSTATE 23505, and does not retry them', async () => {
    await store.query('CREATE TABLE contract_unique (id text PRIMARY KEY)');
    await store.query("INSERT INTO contract_unique VALUES ('one')");
    const error = await store.query("INSERT INTO contract_unique VALUES ('one')").catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    let attempts = 0;
    const inTx = await store
      .transaction(async (tx) => {
        attempts += 1;
        await tx.query("INSERT INTO contract_unique VALUES ('one')");
      })
      .catch((e: unknown) => e);
    expect(sqlState(inTx)).toBe('23505');
    expect(attempts).toBe(1);
  });

  it('reruns a serializable transaction that lost a race (40001) until it commits', async () => {
    await store.query('CREATE TABLE contract_counter (id integer PRIMARY KEY, n integer NOT NULL)');
    await store.query('INSERT INTO contract_counter VALUES (1, 0)');
    let attempts = 0;
    let arrived = 0;
    // Both transactions read before either writes, so on PostgreSQL one of them must fail with 40001.
    // PGlite runs them one after the other (one connection), so the wait simply times out there.
    const bothRead = async () => {
      arrived += 1;
      const deadline = Date.now() + 300;
      while (arrived < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    };
    const increment = () =>
      store.transaction(
        async (tx) => {
          attempts += 1;
          const { rows } = await tx.query<{ n: number }>('SELECT n FROM contract_counter WHERE id = 1');
          if (attempts <= 2) await bothRead();
          await tx.query('UPDATE contract_counter SET n = $1 WHERE id = 1', [(rows[0]?.n ?? 0) + 1]);
        },
        { isolation: 'serializable' },
      );
    await Promise.all([increment(), increment()]);
    const { rows } = await store.query<{ n: number }>('SELECT n FROM contract_counter WHERE id = 1');
    expect(rows[0]?.n).toBe(2);
    if (store.kind === 'postgres') expect(attempts).toBeGreaterThan(2);
    else expect(attempts).toBe(2);
  });

  it('keeps PGlite from deadlocking on itself, and lets Postgres use another connection', async () => {
    const outcome = await store
      .transaction(async () => {
        await store.query('SELECT 1');
        return 'ran';
      })
      .catch((error: Error) => error.message);
    if (store.kind === 'pglite') expect(outcome).toMatch(/inside its own transaction/);
    else expect(outcome).toBe('ran');
  });

  it('serves concurrent queries and transactions without mixing them up', async () => {
    await store.query('CREATE TABLE contract_many (id integer PRIMARY KEY)');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? store.query('INSERT INTO contract_many VALUES ($1)', [i])
          : store.transaction(async (tx) => {
              await tx.query('INSERT INTO contract_many VALUES ($1)', [i]);
              if (i % 3 === 0) throw new Error('rolled back');
            }).catch(() => undefined),
      ),
    );
    const { rows } = await store.query<{ id: number }>('SELECT id FROM contract_many ORDER BY id');
    const expected = Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 2 === 0 || i % 3 !== 0);
    expect(rows.map((row) => row.id)).toEqual(expected);
  });
});
