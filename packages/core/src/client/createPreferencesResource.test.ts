import { describe, expect, it } from 'vitest';
import { RapportError } from '../errors/RapportError.js';
import type { PreferenceExport, PreferenceState } from '../schemas/preferences.js';
import { fakeApiClient, type FakeAnswer } from '../testing/fakeApiClient.js';

const state: PreferenceState = {
  topics: [{ topicId: 'newsletter', channels: [{ channel: 'email', state: 'pending' }], frequency: 'weekly' }],
  pausedUntil: null,
  unsubscribedAll: false,
};

/** A client over a fake API answering `answer` to every request. */
const setup = (answer: FakeAnswer = { status: 200, body: state }) => fakeApiClient([answer], { retry: { retries: 0 } });

describe('client.preferences', () => {
  it('refuses an invalid change before sending anything', async () => {
    const { client, sent } = setup();
    const refusals = await Promise.all(
      [
        { catalogVersion: 0 },
        { catalogVersion: 1, choices: [{ topicId: 'Not A Slug', channel: 'email', granted: true }] },
        { catalogVersion: 1, choices: [{ topicId: 'news', channel: 'fax', granted: true }] },
        { catalogVersion: 1, frequencies: [{ topicId: 'news', frequency: 'hourly' }] },
        { catalogVersion: 1, pauseUntil: 'tomorrow' },
        { catalogVersion: 1, extra: true },
      ].map((change) => client.preferences.update(change as never).catch((error: unknown) => error)),
    );
    for (const error of refusals) {
      expect(error).toBeInstanceOf(RapportError);
      expect(error).toMatchObject({ code: 'validation', issues: [expect.objectContaining({ path: expect.any(Array) })] });
    }
    expect((refusals[2] as RapportError).issues?.[0]?.path).toEqual(['choices', 0, 'channel']);
    expect(sent).toEqual([]);
  });

  it('sends a valid change with an idempotency key and resolves with the server’s state', async () => {
    const { client, sent } = setup();
    const change = { catalogVersion: 3, locale: 'en-GB', choices: [{ topicId: 'newsletter', channel: 'email' as const, granted: true }] };
    await expect(client.preferences.update(change, { idempotencyKey: 'idem_fixed' })).resolves.toEqual(state);
    await client.preferences.update({ catalogVersion: 3, pauseUntil: null });
    expect(sent.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'PATCH', path: '/v1/visitor/preferences', body: change },
      { method: 'PATCH', path: '/v1/visitor/preferences', body: { catalogVersion: 3, pauseUntil: null } },
    ]);
    expect(sent[0]?.headers).toMatchObject({ 'idempotency-key': 'idem_fixed', authorization: 'Bearer visitor.jwt' });
    expect(sent[1]?.headers['idempotency-key']).toMatch(/^idem_[\w-]{22}$/);
  });

  it('reports the server’s refusal with its code', async () => {
    const { client } = setup({ status: 409, body: { error: { code: 'conflict', message: 'Catalog changed', requestId: 'req_1' } } });
    await expect(client.preferences.update({ catalogVersion: 1, unsubscribeAll: true })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      requestId: 'req_1',
    });
  });

  it('exports the visitor’s choices and history, checked against the contract', async () => {
    const exported: PreferenceExport = { exportedAt: '2026-11-23T10:00:00.000Z', contact: { externalId: 'u1', email: null }, state, history: [] };
    const { client, sent } = setup({ status: 200, body: exported });
    await expect(client.preferences.export()).resolves.toEqual(exported);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/visitor/preferences/export']);

    const broken = setup({ status: 200, body: { ...exported, state: null } });
    await expect(broken.client.preferences.export()).rejects.toMatchObject({ code: 'validation', status: 200 });
  });
});
