// Redemption latency against an account's history: one member with 10 ledger entries, one with 10,000, on the
// same store, redeeming in turns (A/B alternated) so both see the same machine. Prints figures; asserts nothing.
//   pnpm bench:ledger            (PGlite, in memory)
//   RAPPORT_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench:ledger   (adds PostgreSQL)
import { createApp } from '../src/createApp.js';
import { createSilentLogger } from '../src/logger.js';
import { DEMO_LOYALTY_PROGRAM } from '../src/seed/demoLoyaltyProgram.js';
import { createSite } from '../src/sites/createSite.js';
import type { RapportStore } from '../src/store/Store.js';
import { createTestStore } from '../src/testing/createTestStore.js';
import { signVisitorToken } from '../src/tokens/signVisitorToken.js';

const HISTORIES = [10, 10_000];
const ROUNDS = Number(process.env.RAPPORT_BENCH_ROUNDS ?? 200);
const ORIGIN = 'https://bench.example.com';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function bench(label: string, store: RapportStore): Promise<void> {
  const created = await store.transaction((tx) => createSite(tx, { slug: 'bench', name: 'Bench', allowedOrigins: [ORIGIN] }));
  const app = createApp({ store, logger: createSilentLogger(), rateLimit: false });
  const call = (path: string, init: { method?: string; token?: string; secret?: boolean; body?: unknown }) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        origin: ORIGIN,
        'content-type': 'application/json',
        ...(init.secret ? { authorization: `Bearer ${created.secretKey}` } : { 'x-rapport-key': created.publishableKey }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  const put = await call('/v1/admin/loyalty/program', { method: 'PUT', secret: true, body: DEMO_LOYALTY_PROGRAM });
  if (put.status !== 201) throw new Error(`program: ${put.status} ${await put.text()}`);

  const members: Array<{ entries: number; token: string; times: number[] }> = [];
  for (const entries of HISTORIES) {
    const externalId = `member-${entries}`;
    const token = await signVisitorToken({ secret: created.identitySecret, externalId, siteId: created.site.id, expiresInSeconds: 86_400 });
    const card = await call('/v1/visitor/loyalty', { token });
    if (card.status !== 200) throw new Error(`card: ${card.status} ${await card.text()}`);
    const { rows } = await store.query<{ id: string }>(
      `SELECT a.id FROM loyalty_accounts a JOIN contacts c ON c.id = a.contact_id WHERE c.site_id = $1 AND c.external_id = $2`,
      [created.site.id, externalId],
    );
    // A history of small earns, written straight into the ledger (the trigger keeps the balance) — then enough
    // points for every round.
    await store.query(
      `INSERT INTO loyalty_ledger (id, site_id, account_id, type, points, reason, idempotency_key, request_hash, created_at, available_at, expires_at)
       SELECT 'le_bench_' || $2 || '_' || n, $1, $2, 'earn', 1, 'History', 'bench:' || $2 || ':' || n, 'auto',
              now() - interval '1 day', now() - interval '1 day', now() + interval '300 days'
       FROM generate_series(1, $3::int) AS n`,
      [created.site.id, rows[0]!.id, entries - 2],
    );
    const topUp = await call('/v1/admin/loyalty/adjustments', {
      method: 'POST',
      secret: true,
      body: { externalId, key: `bench-topup-${entries}`, points: ROUNDS * 100 + 100, reason: 'Bench' },
    });
    if (topUp.status !== 201) throw new Error(`top up: ${topUp.status} ${await topUp.text()}`);
    members.push({ entries, token, times: [] });
  }

  for (let round = 0; round < ROUNDS; round += 1) {
    for (const member of round % 2 === 0 ? members : [...members].reverse()) {
      const started = performance.now();
      const response = await call('/v1/visitor/loyalty/redemptions', {
        method: 'POST',
        token: member.token,
        body: { rewardId: 'espresso', id: `bench-${member.entries}-${round}` },
      });
      if (response.status !== 201) throw new Error(`redeem: ${response.status} ${await response.text()}`);
      member.times.push(performance.now() - started);
    }
  }
  const lines = members.map(({ entries, times }) => {
    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
    return { entries, p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
  });
  for (const line of lines) {
    console.log(
      `[${label}] redemption, account with ${String(line.entries).padStart(6)} ledger entries: ` +
        `p50 ${line.p50.toFixed(2)} ms  p95 ${line.p95.toFixed(2)} ms  mean ${line.mean.toFixed(2)} ms  (${ROUNDS} redemptions)`,
    );
  }
  console.log(`[${label}] p50 ratio 10,000 : 10 entries = ${(lines[1]!.p50 / lines[0]!.p50).toFixed(2)}`);
}

// A migrated in-memory PGlite, then (when a URL is given) a fresh schema of its own in PostgreSQL, dropped after.
process.env.RAPPORT_TEST_STORE = 'pglite';
const pglite = await createTestStore();
await bench('pglite', pglite.store).finally(() => pglite.dispose());
const url = process.env.RAPPORT_BENCH_DATABASE_URL;
if (url) {
  process.env.RAPPORT_TEST_STORE = 'postgres';
  process.env.RAPPORT_TEST_DATABASE_URL = url;
  const postgres = await createTestStore();
  await bench('postgres', postgres.store).finally(() => postgres.dispose());
}
