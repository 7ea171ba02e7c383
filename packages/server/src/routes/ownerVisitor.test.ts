import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_HOURS, createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: OwnerKit;

/** Monday 23 November 2026, 15:00 UTC: London and New York both at work. */
const BOTH_IN = new Date('2026-11-23T15:00:00Z');
/** Monday 20:00 UTC: London has gone home, New York is in until 22:00 UTC. */
const ONLY_NEW_YORK = new Date('2026-11-23T20:00:00Z');
/** Monday 23:00 UTC: both gone home. */
const NOBODY_IN = new Date('2026-11-23T23:00:00Z');

const PRIVATE = {
  displayName: 'Maya Patel',
  alias: 'Maya P.',
  email: 'maya.patel@northwind.example',
  phone: '+44 20 7946 0018',
  photoUrl: 'https://cdn.northwind.example/staff/maya.jpg',
  chatUrl: 'https://chat.northwind.example/maya',
  meetingUrl: 'https://cal.northwind.example/maya',
  role: 'Account manager',
};

beforeAll(async () => {
  h = await createHarness();
  kit = await createOwnerKit(h);
  h.clock.set(BOTH_IN);
  await kit.putStaff('sam-lee', staffInput({ displayName: 'Sam Lee', role: 'Support lead', timeZone: 'America/New_York', weeklyHours: OFFICE_HOURS }));
  await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, backupStaffId: 'sam-lee', responseTime: { mode: 'fixed', minutes: 120 } }));
  await kit.settings({ teamName: 'The Northwind team' });
  await kit.touch('ada', 'maya-patel');
  await kit.touch('grace', 'sam-lee');
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('GET /v1/visitor/owner: privacy on the wire', () => {
  it('sends only the name (the alias), initials, role and response time by default; nothing private is in the raw JSON', async () => {
    h.clock.set(BOTH_IN);
    const { slot, raw } = await kit.owner(await kit.visitor('ada'));
    expect(slot.owner).toEqual({
      id: expect.stringMatching(/^own_[0-9a-f]{24}$/),
      name: 'Maya P.',
      initials: 'MP',
      role: 'Account manager',
      channels: {},
      responseTime: { minutes: 120, measured: false },
    });
    for (const secret of [PRIVATE.email, PRIVATE.phone, PRIVATE.photoUrl, PRIVATE.chatUrl, PRIVATE.meetingUrl, 'Patel', 'maya-patel', 'Europe/London', 'sam-lee']) {
      expect(raw, secret).not.toContain(secret);
    }
    expect(raw).not.toMatch(/"(email|phone|photoUrl|chatUrl|meetingUrl|displayName|timeZone|staffId)"/);
  });

  it('sends exactly the fields the owner allowed, and drops them again when disallowed', async () => {
    h.clock.set(BOTH_IN);
    const token = await kit.visitor('ada');
    await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, backupStaffId: 'sam-lee', visibleFields: ['email', 'meeting', 'photo'] }));
    const some = await kit.owner(token);
    expect(some.slot.owner).toMatchObject({ photoUrl: PRIVATE.photoUrl, channels: { email: PRIVATE.email, meetingUrl: PRIVATE.meetingUrl } });
    expect(some.slot.owner).not.toHaveProperty('role');
    expect(some.slot.owner).not.toHaveProperty('responseTime');
    for (const secret of [PRIVATE.phone, PRIVATE.chatUrl, PRIVATE.role]) expect(some.raw).not.toContain(secret);

    await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, backupStaffId: 'sam-lee', visibleFields: ['role', 'phone', 'chat'] }));
    const others = await kit.owner(token);
    expect(others.slot.owner?.channels).toEqual({ phone: PRIVATE.phone, chatUrl: PRIVATE.chatUrl });
    for (const secret of [PRIVATE.email, PRIVATE.meetingUrl, PRIVATE.photoUrl]) expect(others.raw).not.toContain(secret);

    // Without an alias the display name is the name.
    const { alias: _alias, ...named } = PRIVATE;
    await kit.putStaff('maya-patel', staffInput({ ...named, backupStaffId: 'sam-lee', responseTime: { mode: 'fixed', minutes: 120 } }));
    expect((await kit.owner(token)).slot.owner).toMatchObject({ name: 'Maya Patel', initials: 'MP' });
    await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, backupStaffId: 'sam-lee', responseTime: { mode: 'fixed', minutes: 120 } }));
  });
});

describe('GET /v1/visitor/owner: isolation', () => {
  it('shows each visitor their own owner, and nobody else’s', async () => {
    h.clock.set(BOTH_IN);
    const ada = await kit.owner(await kit.visitor('ada'));
    const grace = await kit.owner(await kit.visitor('grace'));
    const stranger = await kit.owner(await kit.visitor('stranger'));
    expect(ada.slot.owner?.name).toBe('Maya P.');
    expect(grace.slot.owner?.name).toBe('Sam Lee');
    expect(ada.slot.owner?.id).not.toBe(grace.slot.owner?.id);
    expect(stranger.slot).toEqual({ enabled: true, owner: null, availability: null, covering: null, team: { name: 'The Northwind team' }, refreshAt: null });
    expect(grace.raw).not.toContain('Maya');
  });

  it('lets nothing in the request choose an owner, and needs a token of this site', async () => {
    const token = await kit.visitor('stranger');
    const chosen = await h.call(`/v1/visitor/owner?staffId=maya-patel`, { site: kit.site, bearer: token });
    expect(chosen.status).toBe(422);
    expect((await h.call('/v1/visitor/owner', { site: kit.site })).status).toBe(401);
    const other = await createTestSite(h.store);
    expect((await h.call('/v1/visitor/owner', { site: other, bearer: token })).status).toBe(401);
    // The same staff id on another site is another person, with another public id.
    const otherToken = await h.tokenFor(other, 'ada');
    await h.call('/v1/admin/staff/maya-patel', { publishableKey: null, bearer: other.secretKey, method: 'PUT', body: staffInput({ displayName: 'Other Maya' }) });
    await h.call('/v1/admin/touches', { publishableKey: null, bearer: other.secretKey, method: 'POST', body: { externalId: 'ada', staffId: 'maya-patel', kind: 'reply' } });
    const there = await h.call('/v1/visitor/owner', { site: other, bearer: otherToken });
    const here = await kit.owner(await kit.visitor('ada'));
    const thereOwner = ((await there.json()) as { owner: { id: string; name: string } }).owner;
    expect(thereOwner.name).toBe('Other Maya');
    expect(thereOwner.id).not.toBe(here.slot.owner?.id);
  });

  it('gives an anonymous visitor no owner, and answers 404 when the site has the widget off', async () => {
    const anonymous = await h.call('/v1/visitor/bootstrap', { site: kit.site });
    const token = ((await anonymous.json()) as { visitor: { anonymousToken: string } }).visitor.anonymousToken;
    expect((await kit.owner(token)).slot.owner).toBeNull();
    const off = await createTestSite(h.store, { enabledWidgets: ['feedback'] });
    const response = await h.call('/v1/visitor/owner', { site: off, bearer: await h.tokenFor(off, 'ada') });
    expect(response.status).toBe(404);
    expect((await readError(response)).code).toBe('not_found');
  });
});

describe('GET /v1/visitor/owner: availability and covering', () => {
  it('shows the owner available, with when the shift ends', async () => {
    h.clock.set(BOTH_IN);
    const { slot } = await kit.owner(await kit.visitor('ada'));
    expect(slot.availability).toEqual({ state: 'available', until: '2026-11-23T17:30:00.000Z', nextAvailableAt: null, returnDate: null });
    expect(slot.covering).toBeNull();
    expect(slot.refreshAt).toBe('2026-11-23T17:30:00.000Z');
  });

  it('shows the backup as covering while the owner is away and the backup is in', async () => {
    h.clock.set(ONLY_NEW_YORK);
    const { slot } = await kit.owner(await kit.visitor('ada'));
    expect(slot.availability).toMatchObject({ state: 'away', nextAvailableAt: '2026-11-24T09:00:00.000Z' });
    expect(slot.covering).toEqual({
      owner: expect.objectContaining({ name: 'Sam Lee', initials: 'SL', role: 'Support lead' }),
      availability: { state: 'available', until: '2026-11-23T22:00:00.000Z', nextAvailableAt: null, returnDate: null },
    });
    expect(slot.refreshAt).toBe('2026-11-23T22:00:00.000Z');
    // "Back Tuesday at 9:00" in London is 04:00 for a visitor in New York and 01:00 in Los Angeles.
    const format = (timeZone: string) =>
      new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(slot.availability?.nextAvailableAt ?? NaN),
      );
    expect(format('America/New_York')).toBe('Tuesday 04:00');
    expect(format('America/Los_Angeles')).toBe('Tuesday 01:00');
  });

  it('shows nobody as covering when the backup is away too: never someone offline presented as available', async () => {
    h.clock.set(NOBODY_IN);
    const { slot } = await kit.owner(await kit.visitor('ada'));
    expect(slot.availability?.state).toBe('away');
    expect(slot.covering).toBeNull();
    expect(slot.team).toEqual({ name: 'The Northwind team' });
    expect(slot.refreshAt).toBe('2026-11-24T09:00:00.000Z');
  });

  it('shows an owner out of office with their return date, covered by the backup', async () => {
    h.clock.set(BOTH_IN);
    const ooo = { from: '2026-11-20T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z', note: 'Roasting trip' };
    await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, backupStaffId: 'sam-lee', outOfOffice: ooo }));
    const { slot, raw } = await kit.owner(await kit.visitor('ada'));
    expect(slot.availability).toEqual({ state: 'out_of_office', until: null, nextAvailableAt: '2026-11-30T09:00:00.000Z', returnDate: ooo.until });
    expect(slot.covering?.owner.name).toBe('Sam Lee');
    expect(raw).not.toContain('Roasting trip');
    await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, backupStaffId: 'sam-lee', responseTime: { mode: 'fixed', minutes: 120 } }));
  });

  it('shows the owner on holiday, and no owner once they leave the team', async () => {
    h.clock.set(BOTH_IN);
    await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, holidays: [{ date: '2026-11-23', label: 'Birthday' }] }));
    expect((await kit.owner(await kit.visitor('ada'))).slot.availability).toMatchObject({ state: 'holiday', nextAvailableAt: '2026-11-24T09:00:00.000Z' });
    await kit.putStaff('grace-owner', staffInput({ displayName: 'Temp' }));
    await kit.touch('leaver', 'grace-owner');
    await kit.admin('/staff/grace-owner', { method: 'DELETE' });
    expect((await kit.owner(await kit.visitor('leaver'))).slot.owner).toBeNull();
    await kit.putStaff('maya-patel', staffInput({ ...PRIVATE, backupStaffId: 'sam-lee', responseTime: { mode: 'fixed', minutes: 120 } }));
  });
});

describe('the owner in the bootstrap', () => {
  it('carries the same slot as GET /v1/visitor/owner, with nothing private on the wire', async () => {
    h.clock.set(ONLY_NEW_YORK);
    const token = await kit.visitor('ada');
    const response = await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: token });
    expect(response.status).toBe(200);
    const raw = await response.text();
    const { slot } = await kit.owner(token);
    expect(JSON.parse(raw).widgets.owner).toEqual(slot);
    expect(slot).toMatchObject({ owner: { name: 'Maya P.' }, availability: { state: 'away' }, covering: { owner: { role: 'Support lead' } } });
    for (const secret of [PRIVATE.email, PRIVATE.phone, 'Patel', 'maya-patel', 'Europe/London']) expect(raw, secret).not.toContain(secret);
  });
});

describe('the covering backup on the wire', () => {
  it('sends only the fields the backup chose to show, in GET /v1/visitor/owner and in the bootstrap', async () => {
    h.clock.set(ONLY_NEW_YORK);
    const sam = {
      displayName: 'Sam Lee',
      alias: 'Sam L.',
      role: 'Support lead',
      timeZone: 'America/New_York',
      weeklyHours: OFFICE_HOURS,
      email: 'sam.lee@northwind.example',
      phone: '+1 212 555 0147',
      photoUrl: 'https://cdn.northwind.example/staff/sam.jpg',
      chatUrl: 'https://chat.northwind.example/sam',
      meetingUrl: 'https://cal.northwind.example/sam',
      responseTime: { mode: 'fixed' as const, minutes: 37 },
    };
    await kit.putStaff('sam-lee', staffInput({ ...sam, visibleFields: ['email'] }));
    const token = await kit.visitor('ada');
    const { slot, raw } = await kit.owner(token);
    expect(slot.covering?.owner).toEqual({ id: expect.stringMatching(/^own_[0-9a-f]{24}$/), name: 'Sam L.', initials: 'SL', channels: { email: sam.email } });
    const boot = await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: token });
    const bootRaw = await boot.text();
    expect(JSON.parse(bootRaw).widgets.owner.covering).toEqual(slot.covering);
    const hidden = [sam.phone, sam.photoUrl, sam.chatUrl, sam.meetingUrl, sam.role, sam.displayName, 'sam-lee', 'America/New_York', '"minutes":37'];
    for (const wire of [raw, bootRaw]) {
      expect(wire).toContain(sam.email);
      for (const secret of hidden) expect(wire, secret).not.toContain(secret);
    }
    await kit.putStaff('sam-lee', staffInput({ displayName: 'Sam Lee', role: 'Support lead', timeZone: 'America/New_York', weeklyHours: OFFICE_HOURS }));
  });
});
