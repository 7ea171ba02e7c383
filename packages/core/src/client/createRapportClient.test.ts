import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/KeyValueStorage.js';
import { ANONYMOUS_TOKEN_HEADER } from './createVisitorIdentity.js';
import { createRapportClient } from './createRapportClient.js';

const site = { id: 'site_1', name: 'Shop', defaultLocale: 'en', enabledWidgets: ['feedback'] };
const widgets = { feedback: { enabled: true, surveys: [], replies: [] }, preferences: null, loyalty: null, owner: null };

function bootstrapBody(visitor: Record<string, unknown>) {
  return {
    site,
    widgets,
    visitor: { contactId: 'ct_1', externalId: null, displayName: null, locale: null, timeZone: null, ...visitor },
  };
}

function recordingFetch(answers: Array<() => Response>) {
  const requests: Array<{ url: string; headers: Record<string, string>; body?: string }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) }, body: init?.body as string });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    return answer();
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

const ok = (body: unknown) => () => Response.json(body);
const unauthorized = () => () => Response.json({ error: { code: 'unauthorized', message: 'Invalid token', requestId: 'r' } }, { status: 401 });

describe('createRapportClient', () => {
  it('requires baseUrl and publishableKey', () => {
    expect(() => createRapportClient({ baseUrl: '', publishableKey: 'pk' })).toThrow(/baseUrl/);
    expect(() => createRapportClient({ baseUrl: 'https://x', publishableKey: '' })).toThrow(/publishableKey/);
  });

  it('keeps the anonymous token the server issues and sends it next time', async () => {
    const storage = createMemoryStorage();
    const { fetch, requests } = recordingFetch([
      ok(bootstrapBody({ kind: 'anonymous', anonymousToken: 'anon.jwt' })),
      ok(bootstrapBody({ kind: 'anonymous' })),
    ]);
    const client = createRapportClient({ baseUrl: 'https://api.test', publishableKey: 'pk_1', fetch, storage });
    const first = await client.visitor.bootstrap();
    expect(first.visitor.kind).toBe('anonymous');
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(requests[0]?.headers['x-rapport-key']).toBe('pk_1');
    await client.visitor.bootstrap();
    expect(requests[1]?.headers.authorization).toBe('Bearer anon.jwt');
  });

  it('sends the host app token, offers the anonymous token for merging, then forgets it', async () => {
    const storage = createMemoryStorage();
    storage.setItem('rapport:pk_1:anonymous-token', 'anon.jwt');
    const { fetch, requests } = recordingFetch([
      ok(bootstrapBody({ kind: 'known', externalId: 'user_1' })),
      ok(bootstrapBody({ kind: 'known', externalId: 'user_1' })),
    ]);
    const client = createRapportClient({
      baseUrl: 'https://api.test',
      publishableKey: 'pk_1',
      fetch,
      storage,
      getVisitorToken: async () => 'known.jwt',
    });
    await client.visitor.bootstrap();
    expect(requests[0]?.headers.authorization).toBe('Bearer known.jwt');
    expect(requests[0]?.headers[ANONYMOUS_TOKEN_HEADER]).toBe('anon.jwt');
    expect(storage.getItem('rapport:pk_1:anonymous-token')).toBeNull();
    await client.visitor.bootstrap();
    expect(requests[1]?.headers[ANONYMOUS_TOKEN_HEADER]).toBeUndefined();
  });

  it('drops a refused anonymous token and starts a fresh anonymous session once', async () => {
    const storage = createMemoryStorage();
    storage.setItem('rapport:pk_1:anonymous-token', 'stale.jwt');
    const { fetch, requests } = recordingFetch([unauthorized(), ok(bootstrapBody({ kind: 'anonymous', anonymousToken: 'fresh.jwt' }))]);
    const client = createRapportClient({ baseUrl: 'https://api.test', publishableKey: 'pk_1', fetch, storage });
    await client.visitor.bootstrap();
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer stale.jwt', undefined]);
    expect(storage.getItem('rapport:pk_1:anonymous-token')).toBe('fresh.jwt');
  });

  it('does not swallow a refused host app token', async () => {
    const { fetch, requests } = recordingFetch([unauthorized()]);
    const client = createRapportClient({ baseUrl: 'https://api.test', publishableKey: 'pk_1', fetch, storage: createMemoryStorage(), getVisitorToken: () => 'bad' });
    await expect(client.visitor.bootstrap()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(requests).toHaveLength(1);
  });

  it('surfaces a refused origin or publishable key after one request, with the default retry policy', async () => {
    const refusal = (status: number, code: string) => () =>
      Response.json({ error: { code, message: `refused: ${code}`, requestId: `req_${status}` } }, { status });
    const storage = createMemoryStorage();
    storage.setItem('rapport:pk_1:anonymous-token', 'anon.jwt');
    const { fetch, requests } = recordingFetch([refusal(403, 'origin_not_allowed'), refusal(401, 'unknown_publishable_key')]);
    const client = createRapportClient({ baseUrl: 'https://api.test', publishableKey: 'pk_1', fetch, storage });
    await expect(client.visitor.bootstrap()).rejects.toMatchObject({ code: 'origin_not_allowed', status: 403, requestId: 'req_403' });
    expect(requests).toHaveLength(1);
    // Not taken for a stale anonymous token: the token is kept and the call is not made again without it.
    await expect(client.visitor.bootstrap()).rejects.toMatchObject({ code: 'unknown_publishable_key', status: 401, requestId: 'req_401' });
    expect(requests).toHaveLength(2);
    expect(storage.getItem('rapport:pk_1:anonymous-token')).toBe('anon.jwt');
  });

  it('refuses an invalid profile update before sending it, and keys valid ones', async () => {
    const { fetch, requests } = recordingFetch([ok({ kind: 'anonymous', contactId: 'ct_1', externalId: null, displayName: null, locale: 'fr-FR', timeZone: null })]);
    const client = createRapportClient({ baseUrl: 'https://api.test', publishableKey: 'pk_1', fetch, storage: createMemoryStorage() });
    await expect(client.visitor.updateProfile({ timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'validation' });
    await expect(client.visitor.updateProfile({ locale: 'fr-FR', extra: 1 } as never)).rejects.toMatchObject({ code: 'validation' });
    expect(requests).toHaveLength(0);
    const session = await client.visitor.updateProfile({ locale: 'fr-FR' });
    expect(session.locale).toBe('fr-FR');
    expect(requests[0]?.headers['idempotency-key']).toMatch(/^idem_[\w-]{22}$/);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ locale: 'fr-FR' });
  });
});
