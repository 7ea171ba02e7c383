import { OwnerContactRequestGroupsSchema, StaffContactRequestsSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { OFFICE_HOURS, createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, readError, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: OwnerKit;
let feedback: FeedbackKit;

/** Monday 23 November 2026, 15:00 UTC: London (15:00) and New York (10:00) are both at work. */
const BOTH_IN = new Date('2026-11-23T15:00:00Z');
/** Monday 20:00 UTC: London has gone home, New York (15:00) is still in. */
const ONLY_NEW_YORK = new Date('2026-11-23T20:00:00Z');
const SATURDAY = new Date('2026-11-28T12:00:00Z');

beforeAll(async () => {
  h = await createHarness();
  kit = await createOwnerKit(h);
  feedback = await createFeedbackKit(h, kit.site);
  h.clock.set(BOTH_IN);
  await kit.putStaff('ana', staffInput({ displayName: 'Ana Souza' }));
  await kit.putStaff('ben', staffInput({ displayName: 'Ben Okafor' }));
  await kit.putStaff('cy', staffInput({ displayName: 'Cy Park', timeZone: 'America/New_York', weeklyHours: OFFICE_HOURS }));
  await kit.putStaff(
    'dee',
    staffInput({ displayName: 'Dee Ruiz', outOfOffice: { from: '2026-11-20T00:00:00Z', until: '2026-12-07T00:00:00Z', note: 'Parental leave' } }),
  );
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

describe('first touch owns', () => {
  it('makes the first staff member who replies the owner, once; later touches change nothing', async () => {
    h.clock.set(BOTH_IN);
    const first = await kit.touch('ft-1', 'ben', 'reply');
    expect(first).toMatchObject({ status: 201, assigned: true, reason: null, contact: { externalId: 'ft-1', owner: { staffId: 'ben', method: 'first_touch', by: 'ben' } } });
    h.clock.advance(60_000);
    expect(await kit.touch('ft-1', 'ana', 'served')).toMatchObject({ status: 200, assigned: false, reason: 'already_owned', contact: { owner: { staffId: 'ben' } } });
    expect(await kit.touch('ft-1', 'ben', 'reply')).toMatchObject({ status: 200, assigned: false, reason: 'already_owned' });
    const owner = await kit.contactOwner('ft-1');
    expect(owner.history).toEqual([
      { id: expect.any(String), staffId: 'ben', method: 'first_touch', by: 'ben', at: BOTH_IN.toISOString(), note: null },
    ]);
    expect(owner.owner?.assignedAt).toBe(BOTH_IN.toISOString());
  });

  it('never assigns someone away: a touch out of hours or out of office leaves the contact waiting', async () => {
    h.clock.set(SATURDAY);
    expect(await kit.touch('ft-away', 'ana')).toMatchObject({ status: 200, assigned: false, reason: 'staff_unavailable', contact: { owner: null, history: [] } });
    h.clock.set(BOTH_IN);
    expect(await kit.touch('ft-away', 'dee')).toMatchObject({ assigned: false, reason: 'staff_unavailable' });
    expect(await kit.touch('ft-away', 'ana')).toMatchObject({ assigned: true, contact: { owner: { staffId: 'ana' } } });
    const unknown = await kit.admin('/touches', { method: 'POST', body: { externalId: 'ft-away', staffId: 'ghost', kind: 'reply' } });
    expect((await readError(unknown)).issues).toEqual([expect.objectContaining({ path: ['staffId'] })]);
    expect((await kit.admin('/touches', { method: 'POST', body: { externalId: 'x', staffId: 'ana', kind: 'wave' } })).status).toBe(422);
  });

  it('counts a feedback reply naming a staff member as their first touch', async () => {
    h.clock.set(BOTH_IN);
    const survey = await feedback.createSurvey({ allowContactRequest: true });
    const token = await kit.visitor('ft-feedback');
    const answered = await feedback.respond(token, { surveyId: survey.id, score: 2, contactRequested: true });
    const { id } = (await answered.json()) as { id: string };
    const lonely = await feedback.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { staffId: 'cy' } });
    expect((await readError(lonely)).issues).toEqual([expect.objectContaining({ path: ['staffId'] })]);
    const ghost = await feedback.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: 'Hi', staffId: 'ghost' } });
    expect(ghost.status).toBe(422);
    const replied = await feedback.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: 'Sorry — calling you now', staffId: 'cy' } });
    expect(replied.status).toBe(200);
    expect(await replied.json()).toMatchObject({ repliedBy: 'cy', reply: 'Sorry — calling you now' });
    expect((await kit.contactOwner('ft-feedback')).owner).toMatchObject({ staffId: 'cy', method: 'first_touch', by: 'cy' });
  });
});

describe('signing in', () => {
  /** An anonymous visitor whose feedback `staffId` answered; returns their anonymous token. */
  async function answeredWhileAnonymous(staffId: string) {
    const survey = await feedback.createSurvey({ allowContactRequest: true });
    const boot = await h.call('/v1/visitor/bootstrap', { site: kit.site });
    const anonymousToken = ((await boot.json()) as { visitor: { anonymousToken: string } }).visitor.anonymousToken;
    const answered = await feedback.respond(anonymousToken, { surveyId: survey.id, score: 2, contactRequested: true });
    const { id } = (await answered.json()) as { id: string };
    const replied = await feedback.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: 'Calling you now', staffId } });
    expect(replied.status).toBe(200);
    return anonymousToken;
  }
  const signIn = async (externalId: string, anonymousToken: string) =>
    h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: await kit.visitor(externalId), headers: { 'x-rapport-anonymous-token': anonymousToken } });

  it('keeps the owner a staff member became while the visitor was anonymous, logged as a hand-over', async () => {
    h.clock.set(BOTH_IN);
    const anonymousToken = await answeredWhileAnonymous('cy');
    const boot = await signIn('carried-1', anonymousToken);
    expect(((await boot.json()) as { widgets: { owner: { owner: { role?: string } | null } } }).widgets.owner.owner).not.toBeNull();
    const { owner, history } = await kit.contactOwner('carried-1');
    expect(owner).toMatchObject({ staffId: 'cy', method: 'handover', by: 'system' });
    expect(history.map((a) => a.method)).toEqual(['handover']);
  });

  it('does not take the owner away from a signed-in contact that has one', async () => {
    h.clock.set(BOTH_IN);
    await kit.touch('carried-2', 'ana');
    await signIn('carried-2', await answeredWhileAnonymous('cy'));
    expect((await kit.contactOwner('carried-2')).owner).toMatchObject({ staffId: 'ana', method: 'first_touch' });
  });
});

describe('manual reassignment', () => {
  it('records who, when, how and why, and keeps the whole history', async () => {
    h.clock.set(BOTH_IN);
    await kit.touch('manual-1', 'ana');
    h.clock.advance(3_600_000);
    const moved = await kit.assign('manual-1', { staffId: 'cy', note: 'Moved to the US desk', by: 'ana' });
    expect(moved.status).toBe(200);
    h.clock.advance(60_000);
    await kit.assign('manual-1', { staffId: 'ben' });
    const owner = await kit.contactOwner('manual-1');
    expect(owner.owner).toMatchObject({ staffId: 'ben', displayName: 'Ben Okafor', method: 'manual', by: 'admin', availability: { state: 'available' } });
    expect(owner.history.map(({ staffId, method, by, at, note }) => ({ staffId, method, by, at, note }))).toEqual([
      { staffId: 'ana', method: 'first_touch', by: 'ana', at: '2026-11-23T15:00:00.000Z', note: null },
      { staffId: 'cy', method: 'manual', by: 'ana', at: '2026-11-23T16:00:00.000Z', note: 'Moved to the US desk' },
      { staffId: 'ben', method: 'manual', by: 'admin', at: '2026-11-23T16:01:00.000Z', note: null },
    ]);
    // Naming the current owner again adds nothing.
    await kit.assign('manual-1', { staffId: 'ben' });
    expect((await kit.contactOwner('manual-1')).history).toHaveLength(3);
    // The log is append-only in the database itself.
    await expect(h.store.query("UPDATE owner_assignments SET note = 'rewritten'")).rejects.toThrow(/append-only/);
    await expect(h.store.query('DELETE FROM owner_assignments')).rejects.toThrow(/append-only/);
  });

  it('refuses someone away with 409 owner_unavailable, and an unknown staff member with 422; nothing changes', async () => {
    h.clock.set(ONLY_NEW_YORK);
    await kit.touch('manual-2', 'cy');
    const away = await kit.assign('manual-2', { staffId: 'ana' });
    expect(away.status).toBe(409);
    expect(await readError(away)).toMatchObject({ code: 'owner_unavailable', message: expect.stringMatching(/Ana Souza.*away/) });
    const ooo = await kit.assign('manual-2', { staffId: 'dee' });
    expect((await readError(ooo)).message).toMatch(/out_of_office/);
    expect((await kit.assign('manual-2', { staffId: 'ghost' })).status).toBe(422);
    expect((await kit.assign('manual-2', { staffId: 'cy', by: 'ghost' })).status).toBe(422);
    const owner = await kit.contactOwner('manual-2');
    expect(owner.owner?.staffId).toBe('cy');
    expect(owner.history).toHaveLength(1);
    expect((await kit.admin('/contacts/nobody-here/owner')).status).toBe(404);
  });
  it('refuses a staff member who left the team (inactive) with 409 owner_unavailable, even within their hours', async () => {
    h.clock.set(BOTH_IN);
    await kit.putStaff('eve', staffInput({ displayName: 'Eve Stone', active: false }));
    await kit.touch('manual-3', 'ana');
    const refused = await kit.assign('manual-3', { staffId: 'eve', note: 'Back from leave?' });
    expect(refused.status).toBe(409);
    expect(await readError(refused)).toMatchObject({ code: 'owner_unavailable', message: 'Eve Stone is not available now (inactive); nobody away is assigned' });
    const owner = await kit.contactOwner('manual-3');
    expect(owner.owner).toMatchObject({ staffId: 'ana', method: 'first_touch' });
    expect(owner.history).toHaveLength(1);
    // Refused for a new contact too, and the contact is not created.
    expect((await kit.assign('manual-new', { staffId: 'eve' })).status).toBe(409);
    expect((await kit.admin('/contacts/manual-new/owner')).status).toBe(404);
  });
});

describe('contact requests routed to the owner', () => {
  it('lists each owner’s open requests, and groups them with an unowned group', async () => {
    h.clock.set(BOTH_IN);
    const survey = await feedback.createSurvey({ allowContactRequest: true });
    const ask = async (externalId: string) => {
      const response = await feedback.respond(await kit.visitor(externalId), { surveyId: survey.id, score: 1, contactRequested: true });
      return ((await response.json()) as { id: string }).id;
    };
    await kit.touch('req-ana', 'ana');
    const forAna = await ask('req-ana');
    const unowned = await ask('req-nobody');
    // An anonymous visitor asks, then signs in as a contact Ben owns: the request follows them.
    await kit.touch('req-ben', 'ben');
    const anonymous = await h.call('/v1/visitor/bootstrap', { site: kit.site });
    const anonymousToken = ((await anonymous.json()) as { visitor: { anonymousToken: string } }).visitor.anonymousToken;
    const beforeSignIn = await feedback.respond(anonymousToken, { surveyId: survey.id, score: 0, contactRequested: true });
    const anonymousRequest = ((await beforeSignIn.json()) as { id: string }).id;
    await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: await kit.visitor('req-ben'), headers: { 'x-rapport-anonymous-token': anonymousToken } });

    const ana = StaffContactRequestsSchema.parse(await (await kit.admin('/staff/ana/contact-requests')).json());
    expect(ana.items.map((item) => item.id)).toContain(forAna);
    expect(ana.items.map((item) => item.id)).not.toContain(unowned);
    const ben = StaffContactRequestsSchema.parse(await (await kit.admin('/staff/ben/contact-requests')).json());
    expect(ben.items.map((item) => item.id)).toEqual([anonymousRequest]);
    expect((await kit.admin('/staff/ghost/contact-requests')).status).toBe(404);

    // Resolved requests drop out.
    await feedback.admin(`/feedback/responses/${forAna}`, { method: 'PATCH', body: { status: 'resolved' } });
    const groups = OwnerContactRequestGroupsSchema.parse(await (await kit.admin('/owners/contact-requests')).json()).groups;
    expect(groups.map((group) => group.staffId)).toEqual(['ana', 'ben', 'cy', 'dee', null]);
    expect(groups.find((group) => group.staffId === 'ana')?.items.map((item) => item.id)).not.toContain(forAna);
    expect(groups.find((group) => group.staffId === 'ben')?.items.map((item) => item.id)).toEqual([anonymousRequest]);
    expect(groups.at(-1)?.items.map((item) => item.id)).toContain(unowned);
  });
});
