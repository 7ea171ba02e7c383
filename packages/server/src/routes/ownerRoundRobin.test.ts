import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SAMPLES } from '../owners/responseTime.js';
import { createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { OFFICE_HOURS, createOwnerKit, staffInput, type OwnerKit } from '../testing/createOwnerKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: OwnerKit;

const BOTH_IN = new Date('2026-11-23T15:00:00Z');
const ONLY_NEW_YORK = new Date('2026-11-23T20:00:00Z');
const NOBODY_IN = new Date('2026-11-23T23:00:00Z');
const MINUTE = 60_000;

beforeAll(async () => {
  h = await createHarness();
  kit = await createOwnerKit(h);
  h.clock.set(BOTH_IN);
  await kit.putStaff('ana', staffInput({ displayName: 'Ana Souza' }));
  await kit.putStaff('ben', staffInput({ displayName: 'Ben Okafor' }));
  await kit.putStaff('cy', staffInput({ displayName: 'Cy Park', timeZone: 'America/New_York', weeklyHours: OFFICE_HOURS }));
  await kit.putStaff('dee', staffInput({ displayName: 'Dee Ruiz', outOfOffice: { from: '2026-11-20T00:00:00Z', until: '2026-12-07T00:00:00Z' } }));
  await kit.putStaff('eve', staffInput({ displayName: 'Eve Stone', active: false }));
  await kit.settings({ roundRobin: true });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function visit(externalId: string): Promise<string | null> {
  const { slot } = await kit.owner(await kit.visitor(externalId));
  return slot.owner?.name ?? null;
}

async function ownerOf(externalId: string) {
  return (await kit.contactOwner(externalId)).owner;
}

describe('round-robin', () => {
  it('spreads new signed-in contacts fairly among staff who are in, skipping anyone away, out of office or inactive', async () => {
    h.clock.set(BOTH_IN);
    const names: Array<string | null> = [];
    for (let i = 1; i <= 6; i += 1) names.push(await visit(`rr-${i}`));
    expect(names).toEqual(['Ana Souza', 'Ben Okafor', 'Cy Park', 'Ana Souza', 'Ben Okafor', 'Cy Park']);
    expect(await ownerOf('rr-1')).toMatchObject({ staffId: 'ana', method: 'round_robin', by: 'system', assignedAt: BOTH_IN.toISOString() });
    // A second visit keeps the owner.
    expect(await visit('rr-1')).toBe('Ana Souza');
    expect((await kit.contactOwner('rr-1')).history).toHaveLength(1);

    h.clock.set(ONLY_NEW_YORK);
    expect([await visit('rr-7'), await visit('rr-8')]).toEqual(['Cy Park', 'Cy Park']);
  });

  it('leaves a contact unowned when nobody is in, and assigns it on a later visit', async () => {
    h.clock.set(NOBODY_IN);
    expect(await visit('rr-late')).toBeNull();
    expect((await kit.contactOwner('rr-late')).history).toEqual([]);
    h.clock.set(new Date('2026-11-24T10:00:00Z'));
    // Ana and Ben were last given a contact before Cy's two evening ones; Ana before Ben.
    expect(await visit('rr-late')).toBe('Ana Souza');
  });

  it('counts first touches and manual assignments as assignments when choosing who is next', async () => {
    h.clock.set(new Date('2026-11-24T15:00:00Z'));
    await kit.touch('rr-touched', 'ben');
    // Ben was just given a contact by first touch, Ana by the visit above: Cy is next, then Ana.
    expect(await visit('rr-next-1')).toBe('Cy Park');
    expect(await visit('rr-next-2')).toBe('Ana Souza');
  });

  it('does nothing for anonymous visitors or when the site has it off', async () => {
    h.clock.set(BOTH_IN);
    const anonymous = await h.call('/v1/visitor/bootstrap', { site: kit.site });
    const token = ((await anonymous.json()) as { visitor: { anonymousToken: string } }).visitor.anonymousToken;
    expect((await kit.owner(token)).slot.owner).toBeNull();
    await kit.settings({ roundRobin: false });
    expect(await visit('rr-off')).toBeNull();
    await kit.settings({ roundRobin: true });
  });
});

describe('round-robin and holidays', () => {
  it('skips a staff member on a holiday (their local day off), and counts them in again the next day', async () => {
    const shop = await createOwnerKit(h);
    h.clock.set(BOTH_IN);
    // Hal comes first by id: only the holiday keeps him out.
    await shop.putStaff('hal', staffInput({ displayName: 'Hal Berg', holidays: [{ date: '2026-11-23', label: 'Day off' }] }));
    await shop.putStaff('ida', staffInput({ displayName: 'Ida Nils' }));
    await shop.settings({ roundRobin: true });
    const visitShop = async (externalId: string) => (await shop.owner(await shop.visitor(externalId))).slot.owner?.name ?? null;
    expect([await visitShop('hol-1'), await visitShop('hol-2'), await visitShop('hol-3')]).toEqual(['Ida Nils', 'Ida Nils', 'Ida Nils']);
    expect(await shop.contactOwner('hol-1')).toMatchObject({ owner: { staffId: 'ida', method: 'round_robin' } });
    h.clock.set(new Date('2026-11-24T10:00:00Z'));
    expect([await visitShop('hol-4'), await visitShop('hol-5')]).toEqual(['Hal Berg', 'Ida Nils']);
  });
});

describe('measured response time', () => {
  let feedback: FeedbackKit;

  beforeAll(async () => {
    feedback = await createFeedbackKit(h, kit.site);
    h.clock.set(BOTH_IN);
    await kit.putStaff('mo', staffInput({ displayName: 'Mo Khan', responseTime: { mode: 'measured', fallbackMinutes: 240 } }));
    await kit.touch('mo-customer', 'mo');
  });

  async function replyAfter(externalId: string, minutes: number, staffId = 'mo') {
    const survey = await feedback.createSurvey({ allowContactRequest: true });
    const response = await feedback.respond(await kit.visitor(externalId), { surveyId: survey.id, score: 3, contactRequested: true });
    const { id } = (await response.json()) as { id: string };
    h.clock.advance(minutes * MINUTE);
    const replied = await feedback.admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: 'On it', staffId } });
    expect(replied.status).toBe(200);
    return id;
  }

  it('shows the fallback until there are three replies, then the median of the latest, when the business turns it on', async () => {
    await kit.settings({ roundRobin: true, measuredResponseTime: true });
    const token = await kit.visitor('mo-customer');
    h.clock.set(BOTH_IN);
    expect((await kit.owner(token)).slot.owner?.responseTime).toEqual({ minutes: 240, measured: false });
    await replyAfter('mo-a', 30);
    const second = await replyAfter('mo-b', 90);
    // A later reply by someone else does not make the response theirs.
    await feedback.admin(`/feedback/responses/${second}`, { method: 'PATCH', body: { reply: 'Following up', staffId: 'ana' } });
    expect((await kit.owner(token)).slot.owner?.responseTime).toEqual({ minutes: 240, measured: false });
    await replyAfter('mo-c', 60);
    expect((await kit.owner(token)).slot.owner?.responseTime).toEqual({ minutes: 60, measured: true });

    await kit.settings({ roundRobin: true, measuredResponseTime: false });
    expect((await kit.owner(token)).slot.owner?.responseTime).toEqual({ minutes: 240, measured: false });
    await kit.settings({ roundRobin: true, measuredResponseTime: true });
    // Replies older than 90 days no longer count.
    h.clock.set(new Date(BOTH_IN.getTime() + 91 * 86_400_000));
    expect((await kit.owner(token)).slot.owner?.responseTime).toEqual({ minutes: 240, measured: false });
  });

  it(`takes the median over at most the ${MAX_SAMPLES} latest replies`, async () => {
    await kit.settings({ roundRobin: true, measuredResponseTime: true });
    // Monday 1 March 2027, 10:00 in London: Vic is in, so the first touch makes him the owner.
    h.clock.set(new Date('2027-03-01T10:00:00Z'));
    await kit.putStaff('vic', staffInput({ displayName: 'Vic Hale', responseTime: { mode: 'measured', fallbackMinutes: 240 } }));
    await kit.touch('vic-customer', 'vic');
    const token = await kit.visitor('vic-customer');
    // One slow reply, then ten quick and ten slower ones: 21 in all, the slow one oldest.
    await replyAfter('vic-0', 1_000, 'vic');
    for (let i = 1; i <= 10; i += 1) await replyAfter(`vic-q${i}`, 10, 'vic');
    for (let i = 1; i <= 10; i += 1) await replyAfter(`vic-s${i}`, 100, 'vic');
    // Over the latest 20 the median is (10 + 100) / 2; counting the 21st would make it 100.
    expect(MAX_SAMPLES).toBe(20);
    expect((await kit.owner(token)).slot.owner?.responseTime).toEqual({ minutes: 55, measured: true });
  });
});
