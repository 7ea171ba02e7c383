import { describe, expect, it } from 'vitest';
import { RapportError } from '../errors/RapportError.js';
import { STAMP_REWARD_ID } from '../schemas/constants.js';
import type { LoyaltyAccountSummary, MemberToken, RedemptionResult } from '../schemas/loyaltyVisitor.js';
import { fakeApiClient, type FakeAnswer } from '../testing/fakeApiClient.js';

const card: LoyaltyAccountSummary = {
  pointsName: 'Beans',
  balance: 150,
  pending: 0,
  lifetimePoints: 150,
  tier: { name: 'Green', perks: 'Refills', next: { name: 'Gold', threshold: 500, pointsNeeded: 350 }, progress: 0.3, pointsToKeep: 0, keepBy: null },
  nextExpiry: null,
  stamps: { size: 3, collected: 1, ready: 1, reward: 'A flat white' },
  rewards: [{ id: 'espresso', name: 'Free espresso', description: '', cost: 100, gap: 0 }],
  history: [],
  celebration: { kind: 'welcome', points: 50, at: '2026-11-23T10:00:00.000Z' },
  referralCode: 'BEAN-1234',
};
const redemption: RedemptionResult = {
  id: 'rd_1',
  rewardId: 'espresso',
  rewardName: 'Free espresso',
  points: 100,
  code: 'ABCD-1234',
  instruction: 'Show this code at the till.',
  balance: 50,
  createdAt: '2026-11-23T10:00:00.000Z',
};
const token: MemberToken = { token: 'mt.jwt', expiresAt: '2026-11-23T10:05:00.000Z', qr: { size: 25, path: 'M0 0h1v1H0z' } };

/** A client over a fake API giving the `answers` in turn (the last one again once they run out). */
const setup = (...answers: FakeAnswer[]) =>
  fakeApiClient(answers.length > 0 ? answers : [{ status: 200, body: card }], { retry: { retries: 1 } });

const unavailable: FakeAnswer = { status: 503, body: { error: { code: 'internal', message: 'Try later', requestId: 'req_0' } } };

describe('client.loyalty', () => {
  it('reads the card, the member token and marks the celebration seen', async () => {
    const { client, sent } = setup({ status: 200, body: card }, { status: 200, body: token }, { status: 200, body: { ...card, celebration: null } });
    await expect(client.loyalty.card()).resolves.toEqual(card);
    await expect(client.loyalty.memberToken()).resolves.toEqual(token);
    await expect(client.loyalty.markCelebrationSeen()).resolves.toMatchObject({ celebration: null });
    expect(sent.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'GET', path: '/v1/visitor/loyalty', body: undefined },
      { method: 'POST', path: '/v1/visitor/loyalty/member-token', body: undefined },
      { method: 'POST', path: '/v1/visitor/loyalty/celebrations/seen', body: undefined },
    ]);
    expect(sent[0]?.headers).toMatchObject({ authorization: 'Bearer visitor.jwt' });
  });

  it('redeems with a fresh id that is also the idempotency key, and sends the same id again on a retry', async () => {
    const { client, sent } = setup(unavailable, { status: 201, body: redemption });
    await expect(client.loyalty.redeem({ rewardId: 'espresso' })).resolves.toEqual(redemption);
    expect(sent).toHaveLength(2);
    const [first, retry] = sent;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/visitor/loyalty/redemptions', body: { rewardId: 'espresso', id: expect.stringMatching(/^rd_[\w-]{22}$/) } });
    const id = (first?.body as { id: string }).id;
    expect(first?.headers['idempotency-key']).toBe(id);
    expect(retry?.body).toEqual(first?.body);
    expect(retry?.headers['idempotency-key']).toBe(id);

    await client.loyalty.redeem({ rewardId: STAMP_REWARD_ID, id: 'claim-0001' });
    expect(sent[2]).toMatchObject({ body: { rewardId: STAMP_REWARD_ID, id: 'claim-0001' }, headers: { 'idempotency-key': 'claim-0001' } });
    await client.loyalty.redeem({ rewardId: 'espresso' });
    expect((sent[3]?.body as { id: string }).id).not.toBe(id);
  });

  it('refuses an invalid redemption before sending anything', async () => {
    const { client, sent } = setup();
    const refusals = await Promise.all(
      [{ rewardId: 'Not A Slug' }, { rewardId: 'espresso', id: 'short' }, { rewardId: 'espresso', id: 'has spaces in it' }, { rewardId: '' }].map(
        (input) => client.loyalty.redeem(input).catch((error: unknown) => error),
      ),
    );
    for (const error of refusals) {
      expect(error).toBeInstanceOf(RapportError);
      expect(error).toMatchObject({ code: 'validation', issues: expect.arrayContaining([expect.objectContaining({ path: expect.any(Array) })]) });
    }
    expect((refusals[1] as RapportError).issues?.[0]?.path).toEqual(['id']);
    expect(sent).toEqual([]);
  });

  it('rejects a malformed answer with code validation', async () => {
    const { client } = setup({ status: 201, body: { ...redemption, code: undefined } }, { status: 200, body: { ...card, balance: 'lots' } });
    await expect(client.loyalty.redeem({ rewardId: 'espresso' })).rejects.toMatchObject({ code: 'validation', status: 201 });
    await expect(client.loyalty.card()).rejects.toMatchObject({ code: 'validation', status: 200, issues: [expect.objectContaining({ path: ['balance'] })] });
  });

  it('reports the server’s refusals with their codes, without retrying them', async () => {
    const refused = { error: { code: 'insufficient_points', message: 'Free espresso costs 100; the balance is 50', requestId: 'req_1' } };
    const { client, sent } = setup({ status: 409, body: refused }, { status: 403, body: { error: { code: 'forbidden', message: 'Sign in', requestId: 'req_2' } } });
    await expect(client.loyalty.redeem({ rewardId: 'espresso' })).rejects.toMatchObject({
      code: 'insufficient_points',
      status: 409,
      requestId: 'req_1',
    });
    expect(sent).toHaveLength(1);
    await expect(client.loyalty.card()).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });
});
