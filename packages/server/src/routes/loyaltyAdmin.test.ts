import { LoyaltyProgramSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';

const DAY = 86_400_000;
let h: Harness;
let kit: LoyaltyKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createLoyaltyKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const award = (externalId: string, orderId: string, amount: number) => ({ externalId, orderId, amount, currency: 'GBP' });

describe('loyalty program', () => {
  it('versions changes, keeps an unchanged program and checks tiers', async () => {
    const current = LoyaltyProgramSchema.parse(await (await kit.admin('/loyalty/program')).json());
    expect(current).toMatchObject({ pointsName: 'Beans', version: 1 });
    expect((await kit.admin('/loyalty/program', { method: 'PUT', body: DEMO_LOYALTY_PROGRAM })).status).toBe(200);
    const bad = await kit.admin('/loyalty/program', { method: 'PUT', body: { ...DEMO_LOYALTY_PROGRAM, tiers: [{ name: 'A', threshold: 5, perks: '' }] } });
    expect(bad.status).toBe(422);
    const other = await createTestSite(h.store);
    const none = await h.call('/v1/admin/loyalty/program', { publishableKey: null, bearer: other.secretKey });
    expect(none.status).toBe(404);
  });
});

describe('awards', () => {
  it('holds purchase points pending for the approval window, then makes them spendable', async () => {
    const first = await kit.write('awards', award('ada', 'o-100', 12.34));
    expect(first).toMatchObject({ status: 201, clampedFrom: null, entry: { type: 'earn', points: 123, idempotencyKey: 'order:o-100' } });
    expect(new Date(first.entry.availableAt).getTime() - new Date(first.entry.createdAt).getTime()).toBe(14 * DAY);
    // The award made Ada a member: her welcome points come with it. The purchase's stamp waits with its points.
    let member = await kit.member('ada');
    expect(member.summary).toMatchObject({ balance: 50, pending: 123, stamps: { collected: 0, size: 9 } });
    const adjust = await kit.admin('/loyalty/adjustments', { method: 'POST', body: { externalId: 'ada', key: 'k-spend', points: -100, reason: 'Spend' } });
    expect((await readError(adjust)).code).toBe('insufficient_points');
    h.clock.advance(14 * DAY);
    member = await kit.member('ada');
    expect(member.summary).toMatchObject({ balance: 173, pending: 0, lifetimePoints: 173, stamps: { collected: 1 } });
  });

  it('returns the original entry for the same order, and conflicts for a different body or member', async () => {
    const first = await kit.write('awards', award('ada', 'o-200', 5));
    const again = await kit.write('awards', award('ada', 'o-200', 5));
    expect(again).toMatchObject({ status: 200, entry: first.entry });
    const changed = await kit.admin('/loyalty/awards', { method: 'POST', body: award('ada', 'o-200', 6) });
    expect(changed.status).toBe(422);
    expect((await readError(changed)).code).toBe('idempotency_conflict');
    const otherMember = await kit.admin('/loyalty/awards', { method: 'POST', body: award('grace', 'o-200', 5) });
    expect((await readError(otherMember)).code).toBe('idempotency_conflict');
    expect((await kit.member('ada')).ledger.filter((e) => e.idempotencyKey === 'order:o-200')).toHaveLength(1);
    const twoKinds = await kit.admin('/loyalty/awards', { method: 'POST', body: { ...award('ada', 'o-201', 5), points: 3 } });
    expect(twoKinds.status).toBe(422);
  });
});

describe('reversals', () => {
  it('cancels a pending award in full and clamps an available one to the balance', async () => {
    await kit.write('awards', award('rev', 'o-300', 20));
    const pending = await kit.write('reversals', { orderId: 'o-300', reason: 'Order cancelled' });
    expect(pending).toMatchObject({ status: 201, clampedFrom: null, entry: { type: 'reverse', points: -200 } });
    expect((await kit.member('rev')).summary).toMatchObject({ balance: 50, pending: 0, stamps: { collected: 0 } });

    await kit.write('awards', award('rev', 'o-301', 30));
    h.clock.advance(14 * DAY);
    await kit.write('adjustments', { externalId: 'rev', key: 'rev-spend', points: -300, reason: 'Spent at the till' });
    const clamped = await kit.write('reversals', { orderId: 'o-301', reason: 'Refund' });
    expect(clamped).toMatchObject({ status: 201, clampedFrom: 300, entry: { points: -50, reason: 'Refund' } });
    expect((await kit.member('rev')).summary.balance).toBe(0);
    expect(await kit.ledgerSum('rev')).toBe(0);

    expect(await kit.write('reversals', { orderId: 'o-301', reason: 'Refund' })).toMatchObject({ status: 200, entry: clamped.entry });
    const different = await kit.admin('/loyalty/reversals', { method: 'POST', body: { orderId: 'o-301', reason: 'Other' } });
    expect((await readError(different)).code).toBe('idempotency_conflict');
    expect((await kit.admin('/loyalty/reversals', { method: 'POST', body: { orderId: 'nope', reason: 'x' } })).status).toBe(404);
  });
});

describe('adjustments and expiry', () => {
  it('adjusts with a reason, idempotently, and expires what is left of a lot once, a year later', async () => {
    const add = await kit.write('adjustments', { externalId: 'exp', key: 'exp-1', points: 200, reason: 'Sorry for the wait' });
    expect(add.entry).toMatchObject({ type: 'adjust', points: 200, reason: 'Sorry for the wait' });
    expect((await kit.write('adjustments', { externalId: 'exp', key: 'exp-1', points: 200, reason: 'Sorry for the wait' })).status).toBe(200);
    await kit.write('adjustments', { externalId: 'exp', key: 'exp-2', points: -50, reason: 'Correction' });
    // The welcome points, granted with the first adjustment, expire with it; the correction used them up first.
    const before = await kit.member('exp');
    expect(before.summary.nextExpiry).toEqual({ points: 200, at: add.entry.expiresAt });

    h.clock.set(new Date(new Date(add.entry.expiresAt!).getTime() + DAY));
    const after = await kit.member('exp');
    expect(after.ledger.filter((e) => e.type === 'expire').map((e) => e.points)).toEqual([-200]);
    // The same read, a year and a day after joining, grants the membership anniversary: all that is left.
    expect(after.ledger.filter((e) => e.idempotencyKey.startsWith('anniversary:'))).toEqual([
      expect.objectContaining({ type: 'earn', points: 150, reason: '1 year with us' }),
    ]);
    expect(after.summary).toMatchObject({ balance: 150, nextExpiry: { points: 150 } });
    expect((await kit.member('exp')).ledger).toHaveLength(after.ledger.length);
  });

  it('conflicts on an adjustment key replayed with a different body, writing nothing', async () => {
    const body = { externalId: 'adj-key', key: 'adj-key-1', points: 40, reason: 'Goodwill' };
    expect((await kit.write('adjustments', body)).status).toBe(201);
    for (const changed of [{ ...body, points: 41 }, { ...body, reason: 'Other' }, { ...body, externalId: 'adj-other' }]) {
      const response = await kit.admin('/loyalty/adjustments', { method: 'POST', body: changed });
      expect(response.status).toBe(422);
      expect((await readError(response)).code).toBe('idempotency_conflict');
    }
    const { ledger } = await kit.member('adj-key');
    expect(ledger.filter((e) => e.idempotencyKey === 'adjust:adj-key-1')).toEqual([expect.objectContaining({ points: 40, reason: 'Goodwill' })]);
    // The refused request for another member rolled back whole: not even their account was opened.
    expect((await kit.admin('/contacts/adj-other/loyalty')).status).toBe(404);
  });

  it('keeps the ledger append-only in the database itself', async () => {
    await expect(h.store.query(`UPDATE loyalty_ledger SET points = points + 1000`)).rejects.toThrow(/append-only/);
    await expect(h.store.query(`DELETE FROM loyalty_ledger`)).rejects.toThrow(/append-only/);
  });
});

describe('automatic rewards on admin reads and writes', () => {
  it('grants what is due on the member view, awards, adjustments, reversals and scans, once a year each, and the card celebrates it', async () => {
    h.clock.set(new Date('2026-03-10T09:00:00Z'));
    await kit.admin('/contacts/owner-seen', { method: 'PUT', body: { traits: { birthday: '1991-04-02' } } });
    await kit.write('awards', award('owner-seen', 'os-1', 10));
    const keys = async () => (await kit.member('owner-seen')).ledger.map((e) => e.idempotencyKey.replace(/:la_\w+/, ''));
    expect(await keys()).toEqual(['welcome', 'order:os-1']);

    // Three days after the birthday the owner looks the member up: the reward is granted there, once.
    h.clock.set(new Date('2026-04-05T09:00:00Z'));
    const member = await kit.member('owner-seen');
    expect(member.ledger.at(-1)).toMatchObject({ type: 'earn', points: 100, reason: 'Happy birthday' });
    h.clock.advance(DAY);
    await kit.write('adjustments', { externalId: 'owner-seen', key: 'os-adjust', points: 5, reason: 'Goodwill' });
    const token = await kit.visitor('owner-seen');
    expect(await kit.card(token)).toMatchObject({ balance: 255, celebration: { kind: 'birthday', points: 100 } });

    // A year on: a refund brings the anniversary reward, a scan at the till the next birthday's.
    h.clock.set(new Date('2027-03-12T09:00:00Z'));
    await kit.write('reversals', { orderId: 'os-1', reason: 'Refund' });
    h.clock.set(new Date('2027-04-03T09:00:00Z'));
    const issued = await kit.visit('/loyalty/member-token', token, { method: 'POST' });
    const { token: qr } = (await issued.json()) as { token: string };
    const scan = await kit.admin('/loyalty/scan', { method: 'POST', body: { token: qr } });
    expect(scan.status).toBe(200);
    await kit.member('owner-seen');
    const automatic = (await keys()).filter((k) => /^(welcome|birthday|anniversary)/.test(k));
    expect(automatic).toEqual(['welcome', 'birthday:2026', 'anniversary:2027', 'birthday:2027']);
    expect((await kit.card(token)).celebration).toMatchObject({ kind: 'birthday', at: '2027-04-03T09:00:00.000Z' });
  });
});

describe('who may write', () => {
  it('refuses publishable keys and visitor tokens on admin routes; the browser has no award route', async () => {
    const token = await kit.visitor('ada');
    const body = award('ada', 'o-browser', 1000);
    expect((await h.call('/v1/admin/loyalty/awards', { site: kit.site, method: 'POST', body })).status).toBe(401);
    expect((await h.call('/v1/admin/loyalty/awards', { site: kit.site, bearer: token, method: 'POST', body })).status).toBe(401);
    expect((await h.call('/v1/admin/loyalty/awards', { publishableKey: null, bearer: kit.site.publishableKey, method: 'POST', body })).status).toBe(401);
    for (const path of ['/loyalty/awards', '/loyalty/adjustments', '/loyalty/points', '/loyalty']) {
      expect([404, 405]).toContain((await kit.visit(path, token, { method: 'POST', body })).status);
    }
    expect((await kit.member('ada')).ledger.some((e) => e.idempotencyKey === 'order:o-browser')).toBe(false);
  });
});

describe('member QR scan', () => {
  it('finds the member from a fresh signed token and refuses expired, tampered or foreign ones', async () => {
    const token = await kit.visitor('scan-me');
    const issued = await kit.visit('/loyalty/member-token', token, { method: 'POST' });
    const { token: qr } = (await issued.json()) as { token: string };
    expect(qr).not.toContain('scan-me');
    const scan = (t: string, site = kit.site) => h.call('/v1/admin/loyalty/scan', { publishableKey: null, bearer: site.secretKey, method: 'POST', body: { token: t } });
    const found = await scan(qr);
    expect(found.status).toBe(200);
    expect(((await found.json()) as { externalId: string }).externalId).toBe('scan-me');
    expect((await scan(`${qr.slice(0, -2)}xx`)).status).toBe(400);
    const other = await createTestSite(h.store);
    expect((await scan(qr, other)).status).toBe(400);
    h.clock.advance(301_000);
    expect((await readError(await scan(qr))).code).toBe('bad_request');
  });
});
