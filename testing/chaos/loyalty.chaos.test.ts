import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoyaltyProgramInput } from '@rapport/core';
import { createPGliteStore, migrate, signVisitorToken } from '@rapport/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, callApiExpecting, type ApiCredentials } from './callApi.js';
import { createChaosSite } from './createChaosSite.js';
import { chaosSeed, createRandom } from './createRandom.js';
import { readLedger, type LedgerSnapshot } from './readLedger.js';
import { startChaosServer, type ChaosServer } from './startChaosServer.js';

// ARCHITECTURE.md, Tests, on PGlite: a burst of redemptions, the server SIGKILLed in the middle of it and started again on
// the same data directory. What was acknowledged must be there, nothing half-written, a retry must not double.
const BURST = 50;
const AFFORDABLE = 30;
const COST = 100;
const MEMBER = 'chaos-member';
// Share of answers that arrive and are then lost on the way to the client: the server did the work, the client retries.
const LOST_ANSWER_RATE = 0.2;
const PROGRAM: LoyaltyProgramInput = {
  pointsName: 'Points',
  earn: { perCurrencyUnit: 1, currency: 'GBP', actions: [], welcome: 0, birthday: 0, anniversary: 0 },
  approvalWindowDays: 0,
  expiryMonths: null,
  tiers: [{ name: 'Member', threshold: 0, perks: 'Coffee.' }],
  tierRetention: false,
  stampCard: null,
  rewards: [{ id: 'coffee', name: 'Free coffee', description: 'Any coffee.', cost: COST, instruction: 'Show this code at the till.' }],
};

interface Redeemed {
  id: string;
  code: string;
  balance: number;
}

let server: ChaosServer | undefined;
let dir: string | undefined;

afterAll(async () => {
  await server?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('loyalty redemptions while the server is killed (PGlite)', () => {
  let dataDir: string;
  let siteId: string;
  let admin: ApiCredentials;
  let member: ApiCredentials;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-chaos-'));
    dataDir = join(dir, 'pglite');
    // PGlite is one process per data directory: the site is written before the server opens it.
    const store = await createPGliteStore({ dataDir });
    try {
      await migrate(store);
      const site = await createChaosSite(store);
      siteId = site.site.id;
      admin = { secretKey: site.secretKey };
      const visitorToken = await signVisitorToken({ secret: site.identitySecret, siteId, externalId: MEMBER, expiresInSeconds: 3_600 });
      member = { publishableKey: site.publishableKey, visitorToken };
    } finally {
      await store.close();
    }
    server = await startChaosServer({ dataDir });
    await server.start();
    await callApiExpecting([201], server.url, admin, '/v1/admin/loyalty/program', { method: 'PUT', body: PROGRAM });
    await callApiExpecting([200], server.url, member, '/v1/visitor/loyalty');
    await callApiExpecting([201], server.url, admin, '/v1/admin/loyalty/adjustments', {
      method: 'POST',
      body: { externalId: MEMBER, key: 'chaos-grant', points: AFFORDABLE * COST, reason: 'Chaos test grant' },
    });
  });

  it(`keeps a burst of ${BURST} redemptions whole when the server is SIGKILLed in the middle of it`, async () => {
    const chaos = server!;
    const seed = chaosSeed();
    const random = createRandom(seed);
    const started = performance.now();
    const before = await callApiExpecting<{ balance: number }>([200], chaos.url, member, '/v1/visitor/loyalty');
    expect(before.balance).toBe(AFFORDABLE * COST);

    const redeem = (id: string) => callApi<Redeemed>(chaos.url, member, '/v1/visitor/loyalty/redemptions', { method: 'POST', body: { id, rewardId: 'coffee' } });
    const ids = Array.from({ length: BURST }, (_, i) => `chaos_redemption_${String(i).padStart(2, '0')}`);
    const killAfter = 3 + Math.floor(random() * (AFFORDABLE - 6));
    const acknowledged = new Map<string, Redeemed>();
    const refusedBeforeKill: string[] = [];
    const unacknowledged: string[] = [];
    const lostAnswers = new Map<string, { status: number; body: Redeemed }>();
    let created = 0;
    let killing: Promise<void> | undefined;
    let killedAtMs = 0;
    await Promise.all(
      ids.map(async (id) => {
        try {
          const { status, body } = await redeem(id);
          if (status === 201) created += 1;
          if (created === killAfter && !killing) {
            killedAtMs = Math.round(performance.now() - started);
            killing = chaos.kill();
          }
          if (random() < LOST_ANSWER_RATE) {
            lostAnswers.set(id, { status, body });
            unacknowledged.push(id);
            return;
          }
          if (status === 201) acknowledged.set(id, body);
          else if (status === 409) refusedBeforeKill.push(id);
          else throw new Error(`${id} answered ${status}: ${JSON.stringify(body)}`);
        } catch (error) {
          if (!(error instanceof TypeError)) throw error;
          unacknowledged.push(id);
        }
      }),
    );
    expect(killing, 'the kill happened during the burst').toBeDefined();
    await killing;
    const ackedBeforeRestart = acknowledged.size;

    const restartMs = await chaos.start();
    const retried = new Map<string, number>();
    await Promise.all(
      unacknowledged.map(async (id) => {
        const { status, body } = await redeem(id);
        retried.set(id, status);
        if (status === 200 || status === 201) acknowledged.set(id, body);
        else if (status !== 409) throw new Error(`retry of ${id} answered ${status}: ${JSON.stringify(body)}`);
      }),
    );
    // An acknowledged redemption, asked for again, is the same one: same code, nothing new.
    const replays = await Promise.all(
      [...acknowledged].slice(0, ackedBeforeRestart).map(async ([id, first]) => ({ id, first, again: await redeem(id) })),
    );
    const card = await callApiExpecting<{ balance: number }>([200], chaos.url, member, '/v1/visitor/loyalty');
    await chaos.stop();

    const store = await createPGliteStore({ dataDir });
    let ledger: LedgerSnapshot;
    try {
      ledger = await readLedger(store, siteId, MEMBER);
    } finally {
      await store.close();
    }
    const elapsedMs = Math.round(performance.now() - started);
    const countOf = (status: number) => [...retried.values()].filter((s) => s === status).length;
    // The balance each redemption answered, against the ledger's sum right after its entry.
    const answeredOff = [...acknowledged]
      .filter(([id, answer]) => answer.balance !== ledger.sumAfter.get(id))
      .map(([id, answer]) => `${id}: answered ${answer.balance}, ledger ${ledger.sumAfter.get(id)}`);
    const perId = new Map<string, number>();
    for (const id of ledger.redeemedIds) perId.set(id, (perId.get(id) ?? 0) + 1);

    console.log(
      [
        `chaos loyalty (PGlite) seed=${seed}`,
        `  burst: ${BURST} redemptions of ${COST} points against ${AFFORDABLE * COST}; SIGKILL once ${killAfter} were created (at ${killedAtMs} ms)`,
        `  burst answers: ${ackedBeforeRestart} acknowledged (201), ${refusedBeforeKill.length} refused (409), ` +
          `${unacknowledged.length} without an answer (${lostAnswers.size} of them answered but lost on the way, the rest cut by the kill)`,
        `  restart on the same data directory: ${restartMs} ms`,
        `  retries of the unanswered: ${countOf(201)} created (201), ${countOf(200)} already stored (200), ${countOf(409)} refused (409)`,
        `  after: ${ledger.redeemedIds.length} redemptions, balance ${card.balance} (API) / ${ledger.sum} (ledger sum), lowest running ${ledger.lowestRunning}, ` +
          `redemptions whose answered balance differs from the ledger: ${answeredOff.length}`,
        `  elapsed: ${elapsedMs} ms`,
      ].join('\n'),
    );

    expect(card.balance, 'balance (API) = ledger sum').toBe(ledger.sum);
    expect(ledger.sum).toBeGreaterThanOrEqual(0);
    expect(ledger.lowestRunning).toBeGreaterThanOrEqual(0);
    expect(ledger.lowestBalanceAfter ?? 0).toBeGreaterThanOrEqual(0);
    expect(answeredOff, 'answered balances that differ from the ledger').toEqual([]);
    expect(ledger.entriesWithoutRedemption, 'redeem entries without a redemption').toEqual([]);
    expect(ledger.redemptionsWithoutEntry, 'redemptions without a ledger entry').toEqual([]);
    expect([...perId].filter(([, n]) => n > 1), 'ids redeemed twice').toEqual([]);
    expect([...acknowledged.keys()].filter((id) => !perId.has(id)), 'acknowledged redemptions missing').toEqual([]);
    expect(ledger.redeemedIds.filter((id) => !ids.includes(id)), 'redemptions nobody asked for').toEqual([]);
    for (const [id, first] of acknowledged) expect(ledger.codes.get(id), `code of ${id}`).toBe(first.code);
    // An answer lost on the way: the retry finds what the first request did, and does nothing again.
    for (const [id, lost] of lostAnswers) {
      const again = { status: retried.get(id), code: acknowledged.get(id)?.code };
      expect({ id, ...again }).toEqual({ id, status: lost.status === 201 ? 200 : lost.status, code: lost.status === 201 ? lost.body.code : undefined });
    }
    for (const { id, first, again } of replays) {
      expect({ id, status: again.status, code: again.body.code }).toEqual({ id, status: 200, code: first.code });
    }
    // Every one of the 50 ids was answered in the end (before the kill, or on retry): exactly the affordable ones went through.
    expect(ledger.redeemedIds).toHaveLength(AFFORDABLE);
    expect(card.balance).toBe(0);
  });
});
