import { RAPPORT_HEADERS, type LoyaltyProgramInput } from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { SKIPPED_MESSAGE } from '../../packages/server/src/maintenance/startMaintenance.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callApiExpecting, type ApiCredentials } from '../chaos/callApi.js';
import { createChaosSite } from '../chaos/createChaosSite.js';
import { createPostgresSchema, type PostgresSchema } from '../chaos/createPostgresSchema.js';
import { startChaosServer, type ChaosServer } from '../chaos/startChaosServer.js';

// Several instances behave as one (issue 15 point 5): two server processes on one PostgreSQL schema,
// on the real clock. A visitor limit of N per window admits N in total across both, and the maintenance loop
// (a short interval here) runs once per interval in the cluster and grants a due birthday reward once.
const LIMIT = 20;
const REQUESTS = 3 * LIMIT;
const BURST = 10;
const INTERVAL_MS = 1_000;
const WATCH_MS = 6_000;
const BIRTHDAY_POINTS = 50;
const PROGRAM: LoyaltyProgramInput = {
  pointsName: 'Points',
  earn: { perCurrencyUnit: 1, currency: 'GBP', actions: [], welcome: 0, birthday: BIRTHDAY_POINTS, anniversary: 0 },
  approvalWindowDays: 0,
  expiryMonths: null,
  tiers: [{ name: 'Member', threshold: 0, perks: 'Coffee.' }],
  tierRetention: false,
  stampCard: null,
  rewards: [{ id: 'coffee', name: 'Free coffee', description: 'Any coffee.', cost: 100, instruction: 'Show this code at the till.' }],
};

let db: PostgresSchema | undefined;
const servers: ChaosServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.dispose()));
  await db?.drop();
});

describe('two server processes on one PostgreSQL database behave as one', () => {
  let siteId: string;
  let admin: ApiCredentials;
  let visitor: (externalId: string) => Promise<{ publishableKey: string; visitorToken: string }>;

  beforeAll(async () => {
    db = await createPostgresSchema();
    const site = await createChaosSite(db.store);
    siteId = site.site.id;
    admin = { secretKey: site.secretKey };
    visitor = async (externalId) => ({
      publishableKey: site.publishableKey,
      visitorToken: await signVisitorToken({ secret: site.identitySecret, siteId, externalId, expiresInSeconds: 3_600 }),
    });
    // startChaosServer hands the child a copy of this process's environment, taken when it is built.
    vi.stubEnv('CHAOS_VISITOR_RATE_LIMIT', String(LIMIT));
    vi.stubEnv('CHAOS_MAINTENANCE_INTERVAL_MS', String(INTERVAL_MS));
    try {
      for (let i = 0; i < 2; i += 1) servers.push(await startChaosServer({ databaseUrl: db.databaseUrl }));
    } finally {
      vi.unstubAllEnvs();
    }
    const startMs: number[] = [];
    for (const server of servers) startMs.push(await server.start());
    console.log(`cluster: 2 server processes on schema ${db.schema} started in ${startMs.join(' ms and ')} ms`);
  });

  it(`admits ${LIMIT} visitor requests per window in total across both processes, not ${2 * LIMIT}`, async () => {
    const credentials = await visitor('cluster-rate-limited');
    const statuses: number[] = [];
    const retryAfter = new Set<string>();
    const started = performance.now();
    for (let sent = 0; sent < REQUESTS; sent += BURST) {
      const burst = Array.from({ length: BURST }, async (_, i) => {
        const server = servers[(sent + i) % 2]!;
        const response = await fetch(`${server.url}/v1/visitor/bootstrap`, {
          headers: { [RAPPORT_HEADERS.publishableKey]: credentials.publishableKey, authorization: `Bearer ${credentials.visitorToken}` },
        });
        await response.arrayBuffer();
        if (response.status === 429) retryAfter.add(response.headers.get('retry-after') ?? 'missing');
        return response.status;
      });
      statuses.push(...(await Promise.all(burst)));
    }
    const count = (status: number) => statuses.filter((s) => s === status).length;
    const perPort = servers.map((_, p) => statuses.filter((s, i) => i % 2 === p && s === 200).length);
    console.log(
      `cluster rate limit: ${REQUESTS} requests alternating between 2 processes (bursts of ${BURST}), limit ${LIMIT}/60 s → ` +
        `${count(200)} × 200 (${perPort.join(' + ')} per process), ${count(429)} × 429, Retry-After ${[...retryAfter].join(', ')} s ` +
        `(${Math.round(performance.now() - started)} ms)`,
    );
    expect({ ok: count(200), limited: count(429) }).toEqual({ ok: LIMIT, limited: REQUESTS - LIMIT });
    expect([...retryAfter].every((value) => Number(value) >= 1 && Number(value) <= 60)).toBe(true);
  });

  it('runs the maintenance jobs once per interval in the cluster and grants a due birthday reward once', async () => {
    const store = db!.store;
    const member = 'cluster-birthday';
    await callApiExpecting([201], servers[0]!.url, admin, '/v1/admin/loyalty/program', { method: 'PUT', body: PROGRAM });
    await callApiExpecting([200], servers[1]!.url, await visitor(member), '/v1/visitor/loyalty');
    // Today (UTC) becomes the member's birthday: from now on only the maintenance loop grants it (no visit).
    const { rows: marks } = await store.query<{ since: Date }>(
      `UPDATE contacts SET traits = traits || jsonb_build_object('birthday', to_char(now() AT TIME ZONE 'UTC', 'MM-DD'))
       WHERE site_id = $1 AND external_id = $2 RETURNING now() AS since`,
      [siteId, member],
    );
    const since = marks[0]?.since;
    expect(since).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
    expect(servers.every((server) => server.running)).toBe(true);

    const { rows: runs } = await store.query<{ instance: string; failed: boolean; gap_ms: number | null }>(
      `SELECT instance, failed,
              (extract(epoch FROM started_at - lag(started_at) OVER (ORDER BY started_at)) * 1000)::int AS gap_ms
       FROM maintenance_runs WHERE trigger = 'timer' AND started_at >= $1 ORDER BY started_at`,
      [since],
    );
    const { rows: grants } = await store.query<{ idempotency_key: string; points: number }>(
      `SELECT l.idempotency_key, l.points FROM loyalty_ledger l
       JOIN loyalty_accounts a ON a.id = l.account_id JOIN contacts c ON c.id = a.contact_id
       WHERE c.site_id = $1 AND c.external_id = $2 AND l.idempotency_key LIKE 'birthday:%'`,
      [siteId, member],
    );
    const byInstance = new Map<string, number>();
    for (const run of runs) byInstance.set(run.instance, (byInstance.get(run.instance) ?? 0) + 1);
    const gaps = runs.flatMap((run) => (run.gap_ms === null ? [] : [run.gap_ms]));
    const skipped = servers.map((server) => server.output().split('\n').filter((line) => line.includes(SKIPPED_MESSAGE)).length);
    console.log(
      `cluster maintenance: interval ${INTERVAL_MS} ms, 2 processes watched ${WATCH_MS} ms → ${runs.length} runs in the cluster ` +
        `(${[...byInstance].map(([instance, n]) => `${n} by ${instance}`).join(', ')}; each process ticks ~${WATCH_MS / INTERVAL_MS} times; ` +
        `ticks skipped since start: ${skipped.join(' and ')}), ` +
        `gaps ${Math.min(...gaps)}–${Math.max(...gaps)} ms; birthday entries ${grants.length} (${grants.map((g) => `${g.idempotency_key} +${g.points}`).join(', ')})`,
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]?.points).toBe(BIRTHDAY_POINTS);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.some((run) => run.failed)).toBe(false);
    // Two runs in one interval would leave a gap under the interval (less the 10% slack for timer jitter).
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS * 0.9);
    for (const server of servers) expect(server.errors()).toEqual([]);
    await Promise.all(servers.map((server) => server.stop()));
  });
});
