import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOYALTY_PROGRAM } from '../seed/demoLoyaltyProgram.js';
import { DEMO_PREFERENCE_CATALOG } from '../seed/demoPreferenceCatalog.js';
import { createAdminSdkKit, operationsOfDomains, type AdminSdkKit } from '../testing/createAdminSdkKit.js';
import { createLoyaltyKit, type LoyaltyKit } from '../testing/createLoyaltyKit.js';
import { createPreferencesKit, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

// @rapport/node's preferences and loyalty methods against the real app, in-process.
let h: Harness;
let sdk: AdminSdkKit;
let prefs: PreferencesKit;
let loyalty: LoyaltyKit;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
  loyalty = await createLoyaltyKit(h);
  sdk = await createAdminSdkKit(h, loyalty.site);
  prefs = await createPreferencesKit(h, loyalty.site);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('admin.preferences', () => {
  it('reads and writes the catalog, a contact’s choices, its consent log and the chains', async () => {
    const { admin } = sdk;
    const catalog = await admin.preferences.putCatalog(DEMO_PREFERENCE_CATALOG);
    expect(await admin.preferences.getCatalog()).toEqual(catalog);
    await admin.contacts.upsert('user_p1', {});
    for (const granted of [true, false, true, false]) {
      await admin.preferences.updateContact('user_p1', { catalogVersion: catalog.version, choices: [{ topicId: 'offers', channel: 'sms', granted }] });
    }
    const current = await admin.preferences.getContact('user_p1');
    expect(current.externalId).toBe('user_p1');
    const page = await admin.preferences.listConsentEvents('user_p1', { limit: 1 });
    expect(page.items).toHaveLength(1);
    const actions = [];
    for await (const event of admin.preferences.consentEvents('user_p1', { limit: 1 })) actions.push(event.action);
    expect(actions).toEqual(['granted', 'withdrawn', 'granted', 'withdrawn']);
    expect((await admin.preferences.getOptInRates()).items.length).toBeGreaterThan(0);
    expect(await admin.preferences.verifyConsentChains({ full: true })).toMatchObject({ valid: true });
  });

  it('lists and iterates the double opt-ins waiting for confirmation', async () => {
    for (const n of [1, 2, 3]) {
      const token = await prefs.visitor(`user_d${n}`, `d${n}@example.com`);
      await prefs.changeOk(token, { choices: [{ topicId: 'newsletter', channel: 'email', granted: true }] });
    }
    const page = await sdk.admin.preferences.listPendingConfirmations({ limit: 1 });
    expect(page.items).toHaveLength(1);
    const pending = [];
    for await (const item of sdk.admin.preferences.pendingConfirmations({ limit: 1 })) pending.push(item.externalId);
    expect(pending.sort()).toEqual(['user_d1', 'user_d2', 'user_d3']);
  });
});

describe('admin.loyalty', () => {
  it('writes the program, awards once per order, reverses, adjusts and reads the member', async () => {
    const { admin } = sdk;
    expect(await admin.loyalty.putProgram(DEMO_LOYALTY_PROGRAM)).toMatchObject({ pointsName: 'Beans' });
    expect(await admin.loyalty.getProgram()).toMatchObject({ pointsName: 'Beans' });
    const first = await admin.loyalty.award({ externalId: 'user_l1', orderId: 'o-1', amount: 20, currency: 'GBP', reason: 'Order #1' });
    const again = await admin.loyalty.award({ externalId: 'user_l1', orderId: 'o-1', amount: 20, currency: 'GBP', reason: 'Order #1' });
    expect(again.entry).toEqual(first.entry);
    expect(sdk.requests.filter((r) => r.url.endsWith('/loyalty/awards')).map((r) => r.idempotencyKey)).toEqual(['o-1', 'o-1']);
    h.clock.advance(15 * DAY);
    const reversed = await admin.loyalty.reverse({ orderId: 'o-1', reason: 'Refund' });
    expect(reversed.entry).toMatchObject({ type: 'reverse', points: -200 });
    const adjusted = await admin.loyalty.adjust({ externalId: 'user_l1', key: 'goodwill-1', points: 15, reason: 'Goodwill' });
    expect(adjusted.entry).toMatchObject({ type: 'adjust', points: 15 });
    const member = await admin.loyalty.getMember('user_l1');
    expect(member.ledger.map((e) => e.type)).toEqual(expect.arrayContaining(['earn', 'reverse', 'adjust']));
    await expect(admin.loyalty.adjust({ externalId: 'user_l1', key: 'too-much', points: -1_000_000, reason: 'x' })).rejects.toMatchObject({
      code: 'insufficient_points',
      status: 409,
    });
  });

  it('scans a member QR code', async () => {
    const token = await loyalty.visitor('user_qr');
    const issued = await loyalty.visit('/loyalty/member-token', token, { method: 'POST' });
    const { token: qr } = (await issued.json()) as { token: string };
    expect(await sdk.admin.loyalty.scan(qr)).toMatchObject({ externalId: 'user_qr' });
    await expect(sdk.admin.loyalty.scan('not-a-token')).rejects.toMatchObject({ code: 'bad_request', status: 400 });
  });

  it('lists a page of members and iterates all of them over at least three pages', async () => {
    const { admin } = sdk;
    for (const n of [1, 2, 3, 4, 5]) await admin.loyalty.award({ externalId: `user_m${n}`, orderId: `m-${n}`, points: 10 * n });
    const page = await admin.loyalty.listMembers({ limit: 2, q: 'user_m' });
    expect(page.members).toHaveLength(2);
    const before = sdk.called.filter((id) => id === 'listLoyaltyMembers').length;
    const seen = [];
    for await (const member of admin.loyalty.members({ limit: 2, q: 'user_m' })) seen.push(member.externalId);
    expect(seen.sort()).toEqual(['user_m1', 'user_m2', 'user_m3', 'user_m4', 'user_m5']);
    expect(sdk.called.filter((id) => id === 'listLoyaltyMembers').length - before).toBe(3);
  });
});

describe('coverage of this suite', () => {
  it('called every preferences and loyalty operation', () => {
    expect(operationsOfDomains('preferences', 'loyalty').filter((id) => !sdk.called.includes(id))).toEqual([]);
  });
});
