import { describe, expect, it, vi } from 'vitest';
import { RapportError } from '../errors/RapportError.js';
import type { OutboxEvent } from '../feedback/createOutbox.js';
import type { VisitorSurvey } from '../schemas/feedbackVisitor.js';
import { createMemoryStorage, type KeyValueStorage } from '../storage/KeyValueStorage.js';
import { createRapportClient, type RapportClientOptions } from './createRapportClient.js';

const OUTBOX = 'rapport:pk_1:feedback-outbox';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

const nps: VisitorSurvey = {
  id: 'srv_nps',
  kind: 'nps',
  question: 'How likely are you to recommend us?',
  followUps: { negative: 'What went wrong?' },
  textMaxLength: 100,
  thankYou: 'Thanks!',
  placement: 'popover',
  triggers: [{ type: 'event', name: 'checkout_completed' }],
  urlRules: [],
  allowContactRequest: true,
  eligible: true,
};

type Outage = 'none' | 'network' | { status: number; code: string };

/**
 * A fake API over one storage: stores each response once per id (the idempotency the real server gives) and
 * records, for every response request, whether the browser had already stored it.
 */
function fakeApi(storage: KeyValueStorage) {
  const stored = new Map<string, Record<string, unknown>>();
  const requests: Array<{ method: string; path: string; body: Record<string, unknown>; key: string | undefined; persisted: boolean }> = [];
  let outage: Outage = 'none';
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    const body = init?.body ? (JSON.parse(init.body as string) as Record<string, unknown>) : {};
    const headers = init?.headers as Record<string, string>;
    const persisted = typeof body.id === 'string' && (storage.getItem(OUTBOX) ?? '').includes(body.id);
    requests.push({ method: init?.method ?? 'GET', path, body, key: headers['idempotency-key'], persisted });
    await Promise.resolve();
    if (outage === 'network') throw new TypeError('fetch failed');
    if (outage !== 'none') {
      return Response.json({ error: { code: outage.code, message: outage.code, requestId: 'r' } }, { status: outage.status });
    }
    if (path === '/v1/visitor/feedback/responses') {
      const replay = stored.has(body.id as string);
      if (!replay) stored.set(body.id as string, body);
      const { id, surveyId, score, text, answeredAt } = stored.get(body.id as string)!;
      const band = typeof score === 'number' ? (score <= 6 ? 'negative' : score <= 8 ? 'neutral' : 'positive') : null;
      const response = { id, surveyId, kind: 'nps', score, band, text: text ?? null, contactRequested: body.contactRequested ?? false, answeredAt };
      return Response.json(response, { status: replay ? 200 : 201 });
    }
    if (path === '/v1/visitor/feedback/events') return Response.json({ accepted: body.type === 'dismiss' || body.source === 'tab', reason: null });
    if (path.endsWith('/seen')) {
      const responseId = decodeURIComponent(path.split('/')[5] ?? '');
      return Response.json({
        responseId,
        surveyId: nps.id,
        question: nps.question,
        score: 3,
        text: 'Slow checkout',
        message: 'We fixed it on 3 May',
        status: 'resolved',
        repliedAt: '2026-11-20T10:00:00.000Z',
      });
    }
    if (path === '/v1/visitor/bootstrap') {
      return Response.json({
        site: { id: 'site_1', name: 'Shop', defaultLocale: 'en', enabledWidgets: ['feedback'] },
        visitor: { kind: 'anonymous', contactId: 'ct_1', externalId: null, displayName: null, locale: null, timeZone: null, anonymousToken: 'anon.jwt' },
        widgets: { feedback: { enabled: true, surveys: [nps], replies: [] }, preferences: null, loyalty: null, owner: null },
      });
    }
    throw new Error(`unexpected ${path}`);
  }) as typeof globalThis.fetch;
  return { fetch, stored, requests, setOutage: (next: Outage) => (outage = next) };
}

function client(storage: KeyValueStorage, api: ReturnType<typeof fakeApi>, extra: Partial<RapportClientOptions> = {}) {
  return createRapportClient({
    baseUrl: 'https://api.test',
    publishableKey: 'pk_1',
    storage,
    fetch: api.fetch,
    now: () => NOW,
    onlineTarget: null,
    outboxRetry: { baseDelayMs: 3_600_000 },
    ...extra,
  });
}

function visitorStorage() {
  const storage = createMemoryStorage();
  storage.setItem('rapport:pk_1:anonymous-token', 'anon.jwt');
  return storage;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The window's `storage` event (Node has no `StorageEvent`): another tab changed `key`, or cleared all (`null`). */
const storageEvent = (key: string | null) => Object.assign(new Event('storage'), { key });

describe('client.feedback', () => {
  it('refuses an invalid answer before storing or sending anything', async () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    const rapport = client(storage, api);
    const error = await rapport.feedback.submit({ surveyId: nps.id, score: 11 }, { survey: nps }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RapportError);
    expect(error).toMatchObject({ code: 'validation', issues: [{ path: ['score'], code: 'too_big' }] });
    await expect(
      rapport.feedback.submit({ surveyId: nps.id, score: 8, contactRequested: true }, { survey: nps }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(api.requests).toEqual([]);
    expect(storage.getItem(OUTBOX)).toBeNull();
    rapport.destroy();
  });

  it('stores the answer before the first send, keyed by its client-generated id', async () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    const rapport = client(storage, api);
    const result = await rapport.feedback.submit({ surveyId: nps.id, score: 3, text: 'Slow', contactRequested: true }, { survey: nps });
    expect(result.status).toBe('sent');
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/visitor/feedback/responses', persisted: true });
    expect(request?.body).toEqual({
      id: result.submission.id,
      surveyId: nps.id,
      score: 3,
      text: 'Slow',
      contactRequested: true,
      answeredAt: '2026-11-23T10:00:00.000Z',
    });
    expect(result.submission.id).toMatch(/^rsp_[\w-]{22}$/);
    expect(request?.key).toBe(result.submission.id);
    expect(result.status === 'sent' && result.response.band).toBe('negative');
    expect(storage.getItem(OUTBOX)).toBeNull();
    rapport.destroy();
  });

  it('queues while the network is down; the next page delivers it once, on creation', async () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    api.setOutage('network');
    const first = client(storage, api);
    const events: OutboxEvent['type'][] = [];
    first.feedback.subscribe((event) => events.push(event.type));
    const result = await first.feedback.submit({ surveyId: nps.id, score: 10 }, { survey: nps });
    expect(result.status).toBe('queued');
    expect(events).toEqual(['added', 'kept']);
    expect(first.feedback.pending()).toHaveLength(1);
    first.destroy(); // the tab is closed

    api.setOutage('none');
    const reloaded = client(storage, api);
    await vi.waitFor(() => expect(reloaded.feedback.pending()).toHaveLength(0));
    expect(api.stored.size).toBe(1);
    expect(api.requests.map((r) => r.body.id)).toEqual([result.submission.id, result.submission.id]);
    reloaded.destroy();
  });

  it('tells its listeners when another tab changes the stored answers, and only for its own key', async () => {
    const storage = visitorStorage();
    const window = new EventTarget();
    const rapport = client(storage, fakeApi(storage), { onlineTarget: window });
    const heard: OutboxEvent['type'][] = [];
    rapport.feedback.subscribe((event) => heard.push(event.type));
    // What another tab wrote: this tab reads it on the next `pending()`.
    storage.setItem(OUTBOX, JSON.stringify([{ id: 'rsp_other_tab', surveyId: nps.id, score: 4 }]));
    window.dispatchEvent(storageEvent('rapport:pk_1:anonymous-token'));
    expect(heard).toEqual([]);
    window.dispatchEvent(storageEvent(OUTBOX));
    window.dispatchEvent(storageEvent(null)); // the other tab cleared its storage
    expect(heard).toEqual(['synced', 'synced']);
    expect(rapport.feedback.pending().map((s) => s.id)).toEqual(['rsp_other_tab']);
    rapport.destroy();
    window.dispatchEvent(storageEvent(OUTBOX));
    expect(heard).toHaveLength(2);
  });

  it('waits for a token before flushing a previous page’s answers, then delivers after the bootstrap', async () => {
    const storage = createMemoryStorage();
    storage.setItem(OUTBOX, JSON.stringify([{ id: 'rsp_waiting_1', surveyId: nps.id, score: 9, answeredAt: '2026-11-23T09:00:00.000Z' }]));
    const api = fakeApi(storage);
    const rapport = client(storage, api);
    await settle();
    expect(api.requests).toEqual([]);
    await rapport.visitor.bootstrap();
    await vi.waitFor(() => expect(api.stored.has('rsp_waiting_1')).toBe(true));
    expect(api.requests.map((r) => r.path)).toEqual(['/v1/visitor/bootstrap', '/v1/visitor/feedback/responses']);
    expect(rapport.feedback.pending()).toEqual([]);
    rapport.destroy();
  });

  it('two tabs flushing the same answers store each once', async () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    api.setOutage('network');
    const tabA = client(storage, api);
    const tabB = client(storage, api);
    const a = await tabA.feedback.submit({ surveyId: nps.id, score: 1 }, { survey: nps });
    const b = await tabB.feedback.submit({ surveyId: nps.id, score: 2 }, { survey: nps });
    expect(tabA.feedback.pending().map((s) => s.id)).toEqual([a.submission.id, b.submission.id]);
    api.setOutage('none');
    await Promise.all([tabA.feedback.flush(), tabB.feedback.flush()]);
    expect([...api.stored.keys()].sort()).toEqual([a.submission.id, b.submission.id].sort());
    expect(storage.getItem(OUTBOX)).toBeNull();
    tabA.destroy();
    tabB.destroy();
  });

  it('delivers when the browser comes back online', async () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    const online = new EventTarget();
    api.setOutage({ status: 503, code: 'internal' });
    const rapport = client(storage, api, { onlineTarget: online });
    await rapport.feedback.submit({ surveyId: nps.id, score: 7 }, { survey: nps });
    api.setOutage('none');
    online.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(api.stored.size).toBe(1));
    expect(rapport.feedback.pending()).toEqual([]);
    rapport.destroy();
  });

  it('drops an answer the server refuses and reports the error', async () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    api.setOutage('network');
    const rapport = client(storage, api);
    const failures: unknown[] = [];
    rapport.feedback.subscribe((event) => event.type === 'failed' && failures.push(event.error));
    await rapport.feedback.submit({ surveyId: nps.id, score: 0 }, { survey: nps });
    api.setOutage({ status: 404, code: 'not_found' });
    await rapport.feedback.flush();
    expect(failures).toEqual([expect.objectContaining({ code: 'not_found', status: 404 })]);
    expect(rapport.feedback.pending()).toEqual([]);
    await expect(rapport.feedback.submit({ surveyId: nps.id, score: 0 }, { survey: nps })).rejects.toMatchObject({
      code: 'not_found',
    });
    rapport.destroy();
  });

  it('records prompt events and replies seen', async () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    const rapport = client(storage, api);
    await expect(rapport.feedback.recordEvent({ surveyId: nps.id, type: 'display', source: 'trigger' })).resolves.toEqual({
      accepted: false,
      reason: null,
    });
    await expect(rapport.feedback.recordEvent({ surveyId: nps.id, type: 'display', source: 'tab' })).resolves.toMatchObject({
      accepted: true,
    });
    const [event] = api.requests;
    expect(event?.body).toEqual({ id: event?.key, surveyId: nps.id, type: 'display', source: 'trigger' });
    expect(event?.key).toMatch(/^evt_/);
    await expect(rapport.feedback.markReplySeen('rsp_a/b', { acknowledged: true })).resolves.toMatchObject({
      responseId: 'rsp_a/b',
      message: 'We fixed it on 3 May',
    });
    expect(api.requests[2]).toMatchObject({ path: '/v1/visitor/feedback/replies/rsp_a%2Fb/seen', body: { acknowledged: true } });
    rapport.destroy();
  });
});

describe('client events', () => {
  it('emits track and show to listeners until they unsubscribe, per client', () => {
    const storage = visitorStorage();
    const api = fakeApi(storage);
    const one = client(storage, api);
    const other = client(storage, api);
    const seen: string[] = [];
    const stop = one.on('track', ({ name }) => seen.push(`track:${name}`));
    one.on('show', ({ surveyId }) => seen.push(`show:${surveyId}`));
    other.on('track', ({ name }) => seen.push(`other:${name}`));
    one.track('checkout_completed');
    one.feedback.show();
    one.feedback.show('srv_nps');
    stop();
    one.track('ignored');
    expect(seen).toEqual(['track:checkout_completed', 'show:null', 'show:srv_nps']);
  });

  it("replays this page's track and show events to late listeners, not after pageview()", () => {
    const storage = visitorStorage();
    const rapport = client(storage, fakeApi(storage));
    rapport.track('early');
    const late: string[] = [];
    rapport.on('track', ({ name }) => late.push(name), { replay: true });
    expect(late).toEqual(['early']);
    rapport.pageview();
    const later: string[] = [];
    rapport.on('track', ({ name }) => later.push(name), { replay: true });
    expect(later).toEqual([]);
  });

  it('watchTriggers opens surveys on client.track and client.feedback.show, and stops on destroy', async () => {
    const storage = visitorStorage();
    const rapport = client(storage, fakeApi(storage));
    const fired: string[] = [];
    const engine = rapport.feedback.watchTriggers({ window: null, onFire: (s, source) => fired.push(`${s.id}:${source}`) });
    engine.setSurveys([nps]);
    rapport.track('checkout_completed');
    await vi.waitFor(() => expect(fired).toEqual(['srv_nps:trigger']));
    rapport.feedback.show(nps.id);
    expect(fired).toEqual(['srv_nps:trigger', 'srv_nps:code']);
    engine.destroy();
    rapport.feedback.show(nps.id);
    expect(fired).toHaveLength(2);
  });
});
