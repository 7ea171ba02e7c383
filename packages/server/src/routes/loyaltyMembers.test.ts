import { LoyaltyMemberPageSchema, type LoyaltyMemberListItem, type LoyaltyMemberPage } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';

const DAY = 86_400_000;
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const award = (externalId: string, orderId: string, amount: number) => ({ externalId, orderId, amount, currency: 'GBP' });

async function join(kit: LoyaltyKit, externalId: string, amount = 10, name?: string) {
  await kit.write('awards', award(externalId, `first-${externalId}`, amount));
  if (name !== undefined) {
    const named = await kit.admin(`/contacts/${encodeURIComponent(externalId)}`, { method: 'PUT', body: { traits: { name } } });
    expect(named.status).toBe(200);
  }
}

async function page(kit: LoyaltyKit, query: Record<string, string> = {}): Promise<LoyaltyMemberPage> {
  const response = await kit.admin(`/loyalty/members?${new URLSearchParams(query)}`);
  if (response.status !== 200) throw new Error(`members answered ${response.status}: ${await response.text()}`);
  return LoyaltyMemberPageSchema.parse(await response.json());
}

/** Every page from the first, following `nextCursor`. */
async function walk(kit: LoyaltyKit, query: Record<string, string> = {}, between?: (pageNumber: number) => Promise<void>) {
  const pages: LoyaltyMemberListItem[][] = [];
  let cursor: string | null = null;
  do {
    const next: LoyaltyMemberPage = await page(kit, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(next.members);
    cursor = next.nextCursor;
    if (cursor) await between?.(pages.length);
  } while (cursor && pages.length < 50);
  return pages;
}

const ids = (members: LoyaltyMemberListItem[]) => members.map((m) => m.externalId);

/** The list's figures of a member equal the member view's card and ledger. */
async function expectSameAsMemberView(kit: LoyaltyKit, listed: LoyaltyMemberListItem) {
  const member = await kit.member(listed.externalId);
  const newest = member.ledger.map((e) => e.createdAt).sort().at(-1) ?? null;
  expect(listed).toMatchObject({
    balance: member.summary.balance,
    pending: member.summary.pending,
    lifetimePoints: member.summary.lifetimePoints,
    tierName: member.summary.tier.name,
    joinedAt: member.joinedAt,
    lastActivityAt: newest,
  });
}

describe('GET /v1/admin/loyalty/members', () => {
  it('answers an empty page for a program without members, and 404 for a site without a program', async () => {
    const kit = await createLoyaltyKit(h);
    expect(await page(kit)).toEqual({ members: [], nextCursor: null });
    expect(await page(kit, { q: 'anyone', limit: '1' })).toEqual({ members: [], nextCursor: null });
    const bare = await createTestSite(h.store);
    const none = await h.call('/v1/admin/loyalty/members', { publishableKey: null, bearer: bare.secretKey });
    expect(none.status).toBe(404);
    expect((await readError(none)).code).toBe('not_found');
  });

  it('walks every member once, newest member first, with the figures of their card, while points are written', async () => {
    const kit = await createLoyaltyKit(h);
    const joined: string[] = [];
    for (let i = 0; i < 27; i++) {
      const externalId = `m-${String(i).padStart(2, '0')}`;
      await join(kit, externalId, 5 + i, i % 3 === 0 ? `Member ${i}` : undefined);
      joined.push(externalId);
      if (i % 3 !== 0) h.clock.advance(60_000); // m-00 and m-01 join at the same instant, m-03 and m-04, …: ties
    }
    // m-26 becomes Gold: its award is available after the approval window, with lifetime points past 500.
    await kit.write('awards', award('m-26', 'big', 60));
    h.clock.advance(15 * DAY);
    await kit.write('adjustments', { externalId: 'm-01', key: 'spend', points: -20, reason: 'Spent at the till' });

    const first = await page(kit);
    expect(first.members).toHaveLength(25);
    expect(first.nextCursor).not.toBeNull();
    const rest = await page(kit, { cursor: first.nextCursor! });
    expect(rest).toMatchObject({ nextCursor: null });
    expect(ids([...first.members, ...rest.members]).sort()).toEqual([...joined].sort());

    // Newest member first; members who joined at the same instant keep one order on every walk.
    const all = [...first.members, ...rest.members];
    const times = all.map((m) => Date.parse(m.joinedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all[0]?.externalId).toBe('m-26');
    expect(ids(all.slice(1, 3)).sort()).toEqual(['m-24', 'm-25']);

    // Pages of 4, with points written, a member joining and another's points spent between pages: each member once.
    let written = 0;
    const pages = await walk(kit, { limit: '4' }, async () => {
      written += 1;
      await kit.write('awards', award(`m-${String(written).padStart(2, '0')}`, `between-${written}`, 3));
      await kit.write('awards', award(`m-${String(27 - written)}`, `later-${written}`, 3));
      await join(kit, `newcomer-${written}`);
    });
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 4, 4, 3]);
    expect(ids(pages.flat())).toEqual(ids(all));

    const listed = new Map(all.map((m) => [m.externalId, m]));
    const gold = listed.get('m-26')!;
    expect(gold).toMatchObject({ tierName: 'Gold', pending: 0, name: null, balance: gold.lifetimePoints });
    expect(gold.balance).toBeGreaterThanOrEqual(910);
    expect(listed.get('m-01')!.balance).toBe(listed.get('m-01')!.lifetimePoints - 20);
    expect(listed.get('m-03')).toMatchObject({ name: 'Member 3', tierName: 'Green' });
    const fresh = await walk(kit, { limit: '100' });
    for (const member of fresh.flat()) await expectSameAsMemberView(kit, member);
    expect(fresh.flat().filter((m) => m.externalId.startsWith('newcomer-'))).toHaveLength(6);
  });

  it('writes off expired points before listing, as the member view does, once', async () => {
    const kit = await createLoyaltyKit(h);
    await join(kit, 'expiring', 20);
    await kit.write('adjustments', { externalId: 'expiring', key: 'bonus', points: 30, reason: 'Goodwill' });
    h.clock.advance(400 * DAY);
    await join(kit, 'recent', 12);
    const [expiring] = (await page(kit, { q: 'expiring' })).members;
    expect(expiring).toMatchObject({ balance: 0, pending: 0, lastActivityAt: h.clock.now().toISOString() });
    expect(expiring!.lifetimePoints).toBeGreaterThanOrEqual(200);
    expect(await kit.ledgerSum('expiring')).toBe(0);
    const expiries = async () => (await kit.member('expiring')).ledger.filter((e) => e.type === 'expire');
    const written = await expiries();
    expect(written.map((e) => e.points)).toContain(-200);
    expect(written.map((e) => e.points)).toContain(-30);
    await expectSameAsMemberView(kit, expiring!);
    await page(kit, { q: 'expiring' });
    expect(await expiries()).toEqual(written);
    expect((await page(kit, { q: 'recent' })).members[0]).toMatchObject({ pending: 120 });
  });

  it('filters on external id or name, ignoring case, with % and _ as plain characters, page by page', async () => {
    const kit = await createLoyaltyKit(h);
    await join(kit, 'user_ada', 10, 'Ada Lovelace');
    await join(kit, 'user-grace', 10, 'Grace Hopper');
    await join(kit, 'bob', 10, 'Robert 100% Beans');
    await join(kit, 'carol');
    await kit.admin('/contacts/dan', { method: 'PUT', body: { traits: { name: 42 } } });
    await join(kit, 'dan');
    const filtered = async (q: string) => ids((await page(kit, { q })).members).sort();
    expect(await filtered('ADA')).toEqual(['user_ada']);
    expect(await filtered('ada lov')).toEqual(['user_ada']);
    expect(await filtered('hopper')).toEqual(['user-grace']);
    expect(await filtered('USER')).toEqual(['user-grace', 'user_ada']);
    expect(await filtered('_')).toEqual(['user_ada']);
    expect(await filtered('%')).toEqual(['bob']);
    expect(await filtered('42')).toEqual([]);
    expect(await filtered('nobody')).toEqual([]);
    const walked = await walk(kit, { q: 'user', limit: '1' });
    expect(walked.map((members) => members.length)).toEqual([1, 1]);
    expect(ids(walked.flat()).sort()).toEqual(['user-grace', 'user_ada']);
  });

  it('lists only the key’s own site, whatever the cursor', async () => {
    const mine = await createLoyaltyKit(h);
    const theirs = await createLoyaltyKit(h);
    await join(mine, 'shared', 10, 'Mine');
    h.clock.advance(60_000); // their members are newer: their cursor stands before every member of mine
    await join(theirs, 'shared', 90, 'Theirs');
    for (const id of ['t-1', 't-2', 't-3']) await join(theirs, id);
    expect((await page(mine)).members).toEqual([expect.objectContaining({ externalId: 'shared', name: 'Mine', pending: 100 })]);
    const foreign = (await page(theirs, { limit: '1' })).nextCursor!;
    expect((await page(mine, { cursor: foreign })).members).toEqual([expect.objectContaining({ externalId: 'shared', name: 'Mine' })]);
    expect(ids((await walk(theirs)).flat()).sort()).toEqual(['shared', 't-1', 't-2', 't-3']);
  });

  it('refuses publishable keys and visitor tokens', async () => {
    const kit = await createLoyaltyKit(h);
    await join(kit, 'ada');
    const token = await kit.visitor('ada');
    for (const call of [
      { site: kit.site },
      { site: kit.site, bearer: token },
      { publishableKey: null, bearer: kit.site.publishableKey },
      { publishableKey: null, bearer: token },
      { publishableKey: null },
    ]) {
      const response = await h.call('/v1/admin/loyalty/members', call);
      expect(response.status).toBe(401);
      expect((await readError(response)).code).toBe('unauthorized');
    }
    expect([404, 405]).toContain((await kit.visit('/loyalty/members', token)).status);
  });

  it('is in the OpenAPI document: secret key only, its query parameters, a named page schema', async () => {
    const doc = (await (await h.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security: unknown; parameters: Array<{ name: string }>; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const operation = doc.paths['/v1/admin/loyalty/members']?.get;
    expect(operation?.security).toEqual([{ secretKey: [] }]);
    expect(operation?.parameters.map((p) => p.name)).toEqual(['limit', 'cursor', 'q']);
    expect(operation?.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/LoyaltyMemberPage' } } } });
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['401', '404', '422']));
    expect(doc.components.schemas.LoyaltyMemberListItem).toBeTruthy();
  });

  it('answers 422 with the parameter named for a bad limit, cursor or filter', async () => {
    const kit = await createLoyaltyKit(h);
    const cases: Array<[string, string]> = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=2.5', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=', 'limit'],
      ['limit=5&limit=6', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['cursor=', 'cursor'],
      [`cursor=${'x'.repeat(201)}`, 'cursor'],
      ['q=', 'q'],
      [`q=${'a'.repeat(101)}`, 'q'],
      ['q=a%09b', 'q'],
      ['q=a%00b', 'q'],
      ['sort=name', 'sort'],
    ];
    for (const [query, parameter] of cases) {
      const response = await kit.admin(`/loyalty/members?${query}`);
      expect(response.status, query).toBe(422);
      const error = await readError(response);
      expect(error.code, query).toBe('validation_failed');
      expect(error.issues?.map((i) => i.path.join('.')), query).toContain(`query.${parameter}`);
    }
    expect((await page(kit, { limit: '100', q: 'a'.repeat(100) })).members).toEqual([]);
  });
});
