import { describe, expect, it } from 'vitest';
import type { OwnerBootstrap } from '../schemas/ownerVisitor.js';
import { fakeApiClient, type FakeAnswer } from '../testing/fakeApiClient.js';

const slot: OwnerBootstrap = {
  enabled: true,
  owner: { id: 'own_1', name: 'Maya P.', initials: 'MP', role: 'Account manager', channels: { email: 'maya@example.com' } },
  availability: { state: 'away', until: null, nextAvailableAt: '2026-11-24T09:00:00.000Z', returnDate: null },
  covering: {
    owner: { id: 'own_2', name: 'Sam Lee', initials: 'SL', channels: {}, responseTime: { minutes: 30, measured: true } },
    availability: { state: 'available', until: '2026-11-23T22:00:00.000Z', nextAvailableAt: null, returnDate: null },
  },
  team: { name: 'The Northwind team' },
  refreshAt: '2026-11-23T22:00:00.000Z',
};

/** A client over a fake API giving the `answers` in turn (the last one again once they run out). */
const setup = (...answers: FakeAnswer[]) =>
  fakeApiClient(answers.length > 0 ? answers : [{ status: 200, body: slot }], { retry: { retries: 1 } });

describe('client.owner', () => {
  it('reads the owner slot with the visitor’s token', async () => {
    const { client, sent } = setup({ status: 200, body: slot });
    await expect(client.owner.get()).resolves.toEqual(slot);
    expect(sent).toEqual([{ method: 'GET', path: '/v1/visitor/owner', headers: expect.objectContaining({ authorization: 'Bearer visitor.jwt' }) }]);
  });

  it('retries a failed read, then gives the answer', async () => {
    const unavailable = { status: 503, body: { error: { code: 'internal', message: 'Try later', requestId: 'req_0' } } };
    const { client, sent } = setup(unavailable, { status: 200, body: { ...slot, owner: null, availability: null, covering: null, refreshAt: null } });
    await expect(client.owner.get()).resolves.toMatchObject({ owner: null, team: { name: 'The Northwind team' } });
    expect(sent).toHaveLength(2);
  });

  it('rejects a malformed answer with code validation', async () => {
    const { client } = setup({ status: 200, body: { ...slot, enabled: false } }, { status: 200, body: { ...slot, refreshAt: 'tomorrow' } });
    await expect(client.owner.get()).rejects.toMatchObject({ code: 'validation', status: 200, issues: [expect.objectContaining({ path: ['enabled'] })] });
    await expect(client.owner.get()).rejects.toMatchObject({ code: 'validation', issues: [expect.objectContaining({ path: ['refreshAt'] })] });
  });

  it('reports a site with the widget off as not_found, without retrying', async () => {
    const off = { error: { code: 'not_found', message: 'The owner widget is off on this site', requestId: 'req_1' } };
    const { client, sent } = setup({ status: 404, body: off });
    await expect(client.owner.get()).rejects.toMatchObject({ code: 'not_found', status: 404, requestId: 'req_1' });
    expect(sent).toHaveLength(1);
  });

  it('passes the signal on, so the call can be cancelled', async () => {
    const { client } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(client.owner.get({ signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
  });
});
