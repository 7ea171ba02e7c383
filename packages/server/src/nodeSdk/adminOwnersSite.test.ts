import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminSdkKit, operationsOfDomains, type AdminSdkKit } from '../testing/createAdminSdkKit.js';
import { staffInput } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

// @rapport/node's owner and site methods against the real app, in-process.
let h: Harness;
let sdk: AdminSdkKit;

beforeAll(async () => {
  h = await createHarness();
  sdk = await createAdminSdkKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('admin.owners', () => {
  it('manages staff and settings, records touches, assigns owners and lists contact requests', async () => {
    const { admin } = sdk;
    expect(await admin.owners.putStaff('maya', staffInput())).toMatchObject({ id: 'maya', displayName: 'Maya Patel' });
    await admin.owners.putStaff('sam', staffInput({ displayName: 'Sam Lee' }));
    expect((await admin.owners.listStaff()).items.map((s) => s.id).sort()).toEqual(['maya', 'sam']);
    expect(await admin.owners.getStaff('sam')).toMatchObject({ displayName: 'Sam Lee' });
    const settings = { roundRobin: false, measuredResponseTime: false, teamName: 'The Northwind team' };
    expect(await admin.owners.putSettings(settings)).toEqual(settings);
    expect(await admin.owners.getSettings()).toEqual(settings);

    await admin.contacts.upsert('user_o1', {});
    expect(await admin.owners.recordTouch({ externalId: 'user_o1', staffId: 'maya', kind: 'reply' })).toMatchObject({});
    expect((await admin.owners.getContactOwner('user_o1')).owner).toMatchObject({ staffId: 'maya', method: 'first_touch' });
    const assigned = await admin.owners.assignContactOwner('user_o1', { staffId: 'sam', note: 'Moved to wholesale' });
    expect(assigned.owner).toMatchObject({ staffId: 'sam', method: 'manual' });
    expect(await admin.owners.listStaffContactRequests('sam')).toEqual({ staffId: 'sam', items: [] });
    expect(await admin.owners.listContactRequests()).toMatchObject({ groups: expect.any(Array) });
    expect(await admin.owners.removeStaff('sam')).toMatchObject({ staff: { id: 'sam' } });
    await expect(admin.owners.getStaff('nobody')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('admin.site', () => {
  it('reads the site, manages publishable keys and origins, secret keys and the identity secret', async () => {
    const { admin } = sdk;
    const site = await admin.site.get();
    expect(site.id).toBe(sdk.site.site.id);
    const key = await admin.site.createPublishableKey({ allowedOrigins: ['https://shop.example.com'] });
    expect(key.allowedOrigins).toEqual(['https://shop.example.com']);
    expect((await admin.site.addAllowedOrigin(key.key, 'https://m.example.com')).allowedOrigins).toContain('https://m.example.com');
    expect((await admin.site.removeAllowedOrigin(key.key, 'https://m.example.com')).allowedOrigins).not.toContain('https://m.example.com');
    expect((await admin.site.revokePublishableKey(key.key)).revokedAt).not.toBeNull();

    const created = await admin.site.createSecretKey();
    expect(created.secretKey).toMatch(/^sk_/);
    const other = sdk.makeAdmin({ secretKey: created.secretKey });
    expect((await other.site.get()).id).toBe(site.id);
    expect((await admin.site.revokeSecretKey(created.id)).revokedAt).not.toBeNull();
    await expect(other.site.get()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });

    const rotated = await admin.site.rotateIdentitySecret({ graceSeconds: 60 });
    expect(rotated.identitySecret).not.toBe(sdk.site.identitySecret);
  });
});

describe('coverage of this suite', () => {
  it('called every owners and site operation', () => {
    expect(operationsOfDomains('owners', 'site').filter((id) => !sdk.called.includes(id))).toEqual([]);
  });
});
