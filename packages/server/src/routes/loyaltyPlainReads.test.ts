import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../createApp.js';
import type { AppEnv } from '../http/AppEnv.js';
import { createSilentLogger } from '../logger.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { recordingStore } from '../testing/recordingStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

const DAY = 86_400_000;
let h: Harness;
let kit: LoyaltyKit;
let recorded: Hono<AppEnv>;
const statements: string[] = [];


beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h);
  recorded = createApp({ store: recordingStore(h.store, statements), clock: h.clock.now, logger: createSilentLogger(), rateLimit: false });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** The statements one request ran on the recording app, and its JSON. */
async function run(path: string, options: Parameters<Harness['call']>[1]): Promise<{ sql: string[]; body: unknown }> {
  statements.length = 0;
  const response = await h.call(path, options, recorded);
  expect(response.status).toBe(200);
  return { sql: [...statements], body: await response.json() };
}

const writes = (sql: string[]) => sql.filter((s) => s === 'BEGIN' || /^(INSERT|UPDATE|DELETE)\b/i.test(s) || /FOR UPDATE/i.test(s));
const loyaltySql = (sql: string[]) => sql.filter((s) => /loyalty_/.test(s));

describe('loyalty reads of a member with nothing due write nothing', () => {
  it('GET /v1/visitor/loyalty: the first read joins (a transaction); the next ones are one statement, no lock, no write', async () => {
    const token = await kit.visitor('plain-ann');
    const visit = () => run('/v1/visitor/loyalty', { site: kit.site, bearer: token });
    const first = await visit();
    expect(writes(first.sql)).toContain('BEGIN');
    const second = await visit();
    expect(writes(second.sql)).toEqual([]);
    expect(loyaltySql(second.sql)).toHaveLength(1);
    expect(second.body).toEqual(first.body);

    // Pending points falling due are posted by the first read after (a write), then read plainly again.
    await kit.write('awards', { externalId: 'plain-ann', orderId: 'plain-1', amount: 10, currency: 'GBP' });
    expect(writes((await visit()).sql)).toEqual([]);
    h.clock.advance(15 * DAY);
    const due = await visit();
    expect(writes(due.sql)).toContain('BEGIN');
    expect(due.body).toMatchObject({ balance: 150, pending: 0 });
    const after = await visit();
    expect(writes(after.sql)).toEqual([]);
    expect(after.body).toEqual(due.body);
  });

  it('a token whose name differs from the contact’s takes the write path once (the name is stored), then reads plainly', async () => {
    const before = await kit.visitor('plain-bo');
    await run('/v1/visitor/loyalty', { site: kit.site, bearer: before });
    const renamed = await h.tokenFor(kit.site, 'plain-bo', { name: 'Bo Renamed', expiresInSeconds: 3600 });
    expect(writes((await run('/v1/visitor/loyalty', { site: kit.site, bearer: renamed })).sql)).toContain('BEGIN');
    expect(writes((await run('/v1/visitor/loyalty', { site: kit.site, bearer: renamed })).sql)).toEqual([]);
  });

  it('GET /v1/admin/contacts/{externalId}/loyalty and the member list: no transaction, no write', async () => {
    await kit.card(await kit.visitor('plain-cy'));
    const admin = { publishableKey: null, bearer: kit.site.secretKey };
    const member = await run('/v1/admin/contacts/plain-cy/loyalty', admin);
    expect(writes(member.sql)).toEqual([]);
    expect(loyaltySql(member.sql)).toHaveLength(1);
    const list = await run('/v1/admin/loyalty/members?limit=100', admin);
    expect(writes(list.sql)).toEqual([]);
    // The program, then the page: one statement however many members it lists.
    expect(loyaltySql(list.sql)).toHaveLength(2);
    expect((list.body as { members: unknown[] }).members.length).toBeGreaterThanOrEqual(3);
  });
});
