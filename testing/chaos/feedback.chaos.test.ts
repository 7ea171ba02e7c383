import { createMemoryStorage, createRapportClient, type RapportClient } from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApiExpecting } from './callApi.js';
import { createChaosSite } from './createChaosSite.js';
import { createFlakyFetch, createFlakyFetchStats } from './createFlakyFetch.js';
import { createPostgresSchema, type PostgresSchema } from './createPostgresSchema.js';
import { chaosSeed, createRandom } from './createRandom.js';
import { answerText, runVisitor } from './runVisitor.js';
import { startChaosServer, type ChaosServer } from './startChaosServer.js';

// ARCHITECTURE.md, Tests: the server as its own process, SIGKILLed mid-traffic; what was acknowledged must survive, what
// was retried must not double. Here: feedback answers through the real client and its outbox, on PostgreSQL.
const VISITORS = 20;
const ANSWERS_PER_VISITOR = 50;
const ANSWERS = VISITORS * ANSWERS_PER_VISITOR;
const KILLS = 5;
const DROP_RATE = 0.3;
const TRAFFIC_DEADLINE_MS = 100_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let schema: PostgresSchema | undefined;
let server: ChaosServer | undefined;

afterAll(async () => {
  await server?.dispose();
  await schema?.drop();
});

describe('feedback answers while the server is killed (PostgreSQL)', () => {
  let site: Awaited<ReturnType<typeof createChaosSite>>;
  let surveyId: string;

  beforeAll(async () => {
    schema = await createPostgresSchema();
    site = await createChaosSite(schema.store);
    server = await startChaosServer({ databaseUrl: schema.databaseUrl });
    await server.start();
    const survey = await callApiExpecting<{ id: string }>([201], server.url, { secretKey: site.secretKey }, '/v1/admin/surveys', {
      method: 'POST',
      body: { name: 'Chaos NPS', kind: 'nps', question: 'How likely are you to recommend us?', status: 'active', triggers: [{ type: 'pageview' }] },
    });
    surveyId = survey.id;
  });

  it(`stores ${ANSWERS} answers from ${VISITORS} visitors exactly once through ${KILLS} SIGKILLs and ${DROP_RATE * 100}% dropped requests`, async () => {
    const chaos = server!;
    const seed = chaosSeed();
    const random = createRandom(seed);
    const started = performance.now();
    const deadline = Date.now() + TRAFFIC_DEADLINE_MS;
    const stats = createFlakyFetchStats();
    const attempts = new Map<string, number>();
    const observe = (url: string, init: RequestInit | undefined) => {
      if (init?.method !== 'POST' || !url.endsWith('/v1/visitor/feedback/responses')) return;
      const { id } = JSON.parse(String(init.body)) as { id: string };
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
    };

    const clients: RapportClient[] = [];
    for (let index = 0; index < VISITORS; index++) {
      const token = await signVisitorToken({ secret: site.identitySecret, siteId: site.site.id, externalId: `chaos-visitor-${index}` });
      clients.push(
        createRapportClient({
          baseUrl: chaos.url,
          publishableKey: site.publishableKey,
          getVisitorToken: () => token,
          fetch: createFlakyFetch({ dropRate: DROP_RATE, random, stats, observe }),
          storage: createMemoryStorage(),
          onlineTarget: null,
          random,
          retry: { retries: 3, baseDelayMs: 50, maxDelayMs: 500 },
          outboxRetry: { baseDelayMs: 100, maxDelayMs: 1_000 },
        }),
      );
    }

    // Each kill comes once a random share (5–90%) of the answers is acknowledged, so every one lands mid-traffic.
    const thresholds = Array.from({ length: KILLS }, () => Math.floor(ANSWERS * (0.05 + random() * 0.85))).sort((a, b) => a - b);
    let acknowledged = 0;
    let trafficOver = false;
    const kills: Array<{ atMs: number; acknowledged: number; restartMs: number }> = [];
    const monkey = (async () => {
      for (const threshold of thresholds) {
        while (acknowledged < threshold && !trafficOver) await sleep(5);
        if (trafficOver) return;
        await sleep(random() * 50);
        const atMs = Math.round(performance.now() - started);
        const at = acknowledged;
        await chaos.kill();
        await sleep(random() * 300);
        kills.push({ atMs, acknowledged: at, restartMs: await chaos.start() });
      }
    })();
    // Awaited below; this only keeps a failure of the visitors from leaving it unhandled.
    monkey.catch(() => undefined);

    const runs = await Promise.all(
      clients.map((client, index) =>
        runVisitor({ index, client, surveyId, answers: ANSWERS_PER_VISITOR, random, deadline, onAcknowledged: () => (acknowledged += 1) }),
      ),
    ).finally(() => {
      trafficOver = true;
      for (const client of clients) client.destroy();
    });
    await monkey;
    const elapsedMs = Math.round(performance.now() - started);

    const made = runs.flatMap((run) => run.answers);
    const { rows } = await schema!.store.query<{ id: string; text: string | null }>(
      'SELECT id, text FROM feedback_responses WHERE site_id = $1',
      [site.site.id],
    );
    const storedByText = new Map<string, number>();
    for (const row of rows) storedByText.set(row.text ?? '', (storedByText.get(row.text ?? '') ?? 0) + 1);
    const expectedTexts = Array.from({ length: ANSWERS }, (_, i) => answerText(Math.floor(i / ANSWERS_PER_VISITOR), i % ANSWERS_PER_VISITOR));
    const lost = expectedTexts.filter((text) => !storedByText.has(text));
    const duplicated = [...storedByText].filter(([, count]) => count > 1).map(([text]) => text);
    const sends = [...attempts.values()].reduce((sum, n) => sum + n, 0);

    console.log(
      [
        `chaos feedback (PostgreSQL) seed=${seed}`,
        `  answers: ${made.length} made by ${VISITORS} visitors, ${rows.length} stored, lost ${lost.length}, duplicated ${duplicated.length}`,
        `  kills: ${kills.length} × SIGKILL at ${kills.map((k) => `${k.atMs} ms (${k.acknowledged} acked, back in ${k.restartMs} ms)`).join(', ')}`,
        `  requests: ${stats.requests}, dropped before sending ${stats.droppedBefore}, dropped after the response ${stats.droppedAfter}, ` +
          `server unreachable ${stats.unreachable}, statuses of every response ${JSON.stringify(stats.byStatus)}`,
        `  answer sends: ${sends} for ${attempts.size} ids (${sends - attempts.size} retries), refused ${runs.reduce((n, r) => n + r.refused.length, 0)}`,
        `  server stderr lines: ${chaos.errors().length}`,
        `  elapsed: ${elapsedMs} ms`,
      ].join('\n'),
    );

    expect(kills.length, 'every kill happened mid-traffic').toBe(KILLS);
    expect(runs.flatMap((run) => run.refused), 'answers the server refused for good').toEqual([]);
    expect(runs.map((run) => run.pending), 'answers left in an outbox at the deadline').toEqual(runs.map(() => 0));
    expect(made).toHaveLength(ANSWERS);
    expect(lost, 'answers lost').toEqual([]);
    expect(duplicated, 'answers stored twice').toEqual([]);
    expect(rows).toHaveLength(ANSWERS);
    // Each client id exactly once, and each as the client made it (the id the outbox kept is the one stored).
    expect(new Map(rows.map((row) => [row.id, row.text]))).toEqual(new Map(made.map((answer) => [answer.id, answer.text])));
    const serverErrors = Object.entries(stats.byStatus).filter(([status]) => Number(status) >= 500);
    expect(serverErrors, `server errors:\n${chaos.errors().join('\n')}`).toEqual([]);
  });
});
