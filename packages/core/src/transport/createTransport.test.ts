import * as z from 'zod/mini';
import { describe, expect, it, vi } from 'vitest';
import { RapportError } from '../errors/RapportError.js';
import { createTransport, type TransportOptions } from './createTransport.js';

const Thing = z.object({ id: z.string() });

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function envelope(code: string, status: number, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message: `failed: ${code}`, requestId: 'req_1' } }, status, headers);
}

function setup(responses: Array<Response | Error>, overrides: Partial<TransportOptions> = {}) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  };
  const transport = createTransport({
    baseUrl: 'https://api.test/',
    headers: { 'x-rapport-key': 'pk_test' },
    getAuthorization: () => 'tok',
    fetch: fetchImpl as typeof fetch,
    retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 },
    random: () => 0.5,
    now: () => Date.parse('2026-11-23T10:00:00Z'),
    ...overrides,
  });
  return { transport, calls };
}

async function failure(promise: Promise<unknown>): Promise<RapportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RapportError);
    return error as RapportError;
  }
  throw new Error('expected the call to fail');
}

describe('createTransport', () => {
  it('revalidates a GET it holds with If-None-Match and answers a 304 from what it holds', async () => {
    let token = 'tok';
    const { transport, calls } = setup(
      [json({ id: 'a' }, 200, { etag: '"v1"' }), new Response(null, { status: 304, headers: { etag: '"v1"' } }), json({ id: 'b' }, 200, { etag: '"v2"' }), json({ id: 'c' })],
      { getAuthorization: () => token },
    );
    const get = () => transport({ method: 'GET', path: '/v1/things/1', schema: Thing });
    expect(await get()).toEqual({ id: 'a' });
    expect(await get()).toEqual({ id: 'a' });
    expect(new Headers(calls[1]!.init?.headers).get('if-none-match')).toBe('"v1"');
    expect(await get()).toEqual({ id: 'b' });
    expect(new Headers(calls[2]!.init?.headers).get('if-none-match')).toBe('"v1"');
    // Another visitor's token never revalidates against the first one's answer.
    token = 'other';
    expect(await get()).toEqual({ id: 'c' });
    expect(new Headers(calls[3]!.init?.headers).get('if-none-match')).toBeNull();
  });

  it('treats a 304 to a request it did not make conditional as an error, not as data', async () => {
    const { transport } = setup([new Response(null, { status: 304 })], { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    await expect(transport({ method: 'GET', path: '/v1/things/1', schema: Thing })).rejects.toBeInstanceOf(RapportError);
  });

  it('sends key, bearer token, idempotency key and JSON body; validates the response', async () => {
    const { transport, calls } = setup([json({ id: 'a' })]);
    const result = await transport({ method: 'POST', path: '/v1/things', body: { x: 1 }, schema: Thing, idempotencyKey: 'k1' });
    expect(result).toEqual({ id: 'a' });
    expect(calls[0]?.url).toBe('https://api.test/v1/things');
    const headers = calls[0]?.init?.headers as Record<string, string>;
    expect(headers['x-rapport-key']).toBe('pk_test');
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers['idempotency-key']).toBe('k1');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]?.init?.body).toBe('{"x":1}');
  });

  it('omits authorization when there is no token', async () => {
    const { transport, calls } = setup([json({ id: 'a' })], { getAuthorization: () => null });
    await transport({ method: 'GET', path: '/v1/things', schema: Thing });
    expect((calls[0]?.init?.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('turns an error envelope into a RapportError with the server code, status, issues and request id', async () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'Invalid body',
        issues: [{ path: ['locale'], message: 'Not a BCP 47 language tag', code: 'custom' }],
        requestId: 'req_9',
      },
    };
    const { transport } = setup([json(body, 422)]);
    const error = await failure(transport({ method: 'GET', path: '/v1/x', schema: Thing }));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(422);
    expect(error.issues).toEqual(body.error.issues);
    expect(error.requestId).toBe('req_9');
  });

  it('a non-envelope error body becomes code http', async () => {
    const { transport } = setup([new Response('<html>Bad gateway</html>', { status: 404, headers: { 'x-request-id': 'r2' } })]);
    const error = await failure(transport({ method: 'GET', path: '/v1/x', schema: Thing }));
    expect(error.code).toBe('http');
    expect(error.status).toBe(404);
    expect(error.requestId).toBe('r2');
  });

  it('a response that breaks the contract becomes code validation', async () => {
    const { transport } = setup([json({ id: 42 })]);
    const error = await failure(transport({ method: 'GET', path: '/v1/x', schema: Thing }));
    expect(error.code).toBe('validation');
    expect(error.issues?.[0]?.path).toEqual(['id']);
  });

  it('retries network errors, 5xx and 429 on reads, then succeeds', async () => {
    const { transport, calls } = setup([new TypeError('fetch failed'), envelope('internal', 503), envelope('rate_limited', 429), json({ id: 'ok' })]);
    await expect(transport({ method: 'GET', path: '/v1/x', schema: Thing })).resolves.toEqual({ id: 'ok' });
    expect(calls).toHaveLength(4);
  });

  it('gives up after the configured retries with the last error', async () => {
    const { transport, calls } = setup([envelope('internal', 500), envelope('internal', 500), envelope('internal', 500), envelope('internal', 502)]);
    const error = await failure(transport({ method: 'GET', path: '/v1/x', schema: Thing }));
    expect(error.status).toBe(502);
    expect(calls).toHaveLength(4);
  });

  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [401, 'unknown_publishable_key'],
    [403, 'origin_not_allowed'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'payload_too_large'],
    [422, 'validation_failed'],
  ])('does not retry a %i %s, on reads or keyed writes', async (status, code) => {
    const read = setup([envelope(code, status), json({ id: 'never' })]);
    expect((await failure(read.transport({ method: 'GET', path: '/v1/x', schema: Thing }))).code).toBe(code);
    expect(read.calls).toHaveLength(1);
    const write = setup([envelope(code, status), json({ id: 'never' })]);
    const keyed = write.transport({ method: 'POST', path: '/v1/x', body: {}, schema: Thing, idempotencyKey: 'k' });
    expect((await failure(keyed)).code).toBe(code);
    expect(write.calls).toHaveLength(1);
  });

  it('retries a 408 like a 429', async () => {
    const { transport, calls } = setup([new Response('', { status: 408 }), json({ id: 'ok' })]);
    await expect(transport({ method: 'GET', path: '/v1/x', schema: Thing })).resolves.toEqual({ id: 'ok' });
    expect(calls).toHaveLength(2);
  });

  it('surfaces a refused origin or key at once, with the server code, status, message and request id', async () => {
    const message = 'Origin https://x.example is not allowed for site "shop": add it with `rapport-server origin add`';
    const body = { error: { code: 'origin_not_allowed', message, requestId: 'req_403' } };
    const { transport, calls } = setup([json(body, 403, { 'x-request-id': 'req_403' })]);
    const error = await failure(transport({ method: 'GET', path: '/v1/visitor/bootstrap', schema: Thing }));
    expect(error).toMatchObject({ code: 'origin_not_allowed', status: 403, requestId: 'req_403', message });
    expect(calls).toHaveLength(1);

    const key = setup([envelope('unknown_publishable_key', 401)]);
    const keyError = await failure(key.transport({ method: 'GET', path: '/v1/visitor/bootstrap', schema: Thing }));
    expect(keyError).toMatchObject({ code: 'unknown_publishable_key', status: 401, requestId: 'req_1' });
    expect(key.calls).toHaveLength(1);
  });

  it('retries a keyed write with the same key, but never a write without a key', async () => {
    const keyed = setup([new TypeError('down'), json({ id: 'w' })]);
    await keyed.transport({ method: 'POST', path: '/v1/w', body: {}, schema: Thing, idempotencyKey: 'same' });
    const keys = keyed.calls.map((c) => (c.init?.headers as Record<string, string>)['idempotency-key']);
    expect(keys).toEqual(['same', 'same']);

    const unkeyed = setup([new TypeError('down'), json({ id: 'w' })]);
    expect((await failure(unkeyed.transport({ method: 'POST', path: '/v1/w', body: {}, schema: Thing }))).code).toBe('network');
    expect(unkeyed.calls).toHaveLength(1);
  });

  it('reports Retry-After on the error when it gives up', async () => {
    const { transport } = setup([envelope('rate_limited', 429, { 'retry-after': '2' })], { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } });
    const error = await failure(transport({ method: 'GET', path: '/v1/x', schema: Thing }));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(2);
  });

  it('waits for Retry-After before retrying', async () => {
    vi.useFakeTimers();
    try {
      const { transport, calls } = setup([envelope('rate_limited', 429, { 'retry-after': '1' }), json({ id: 'later' })], {
        retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 10_000 },
      });
      const pending = transport({ method: 'GET', path: '/v1/x', schema: Thing });
      await vi.advanceTimersByTimeAsync(999);
      expect(calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(pending).resolves.toEqual({ id: 'later' });
      expect(calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('aborting stops the call and the retries with code aborted', async () => {
    const controller = new AbortController();
    const { transport, calls } = setup([new TypeError('down'), json({ id: 'never' })], {
      retry: { retries: 3, baseDelayMs: 10_000, maxDelayMs: 10_000 },
    });
    const pending = transport({ method: 'GET', path: '/v1/x', schema: Thing, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect((await failure(pending)).code).toBe('aborted');
    expect(calls).toHaveLength(1);
  });

  it('an already-aborted fetch reports aborted, not network', async () => {
    const controller = new AbortController();
    controller.abort();
    const { transport } = setup([new DOMException('aborted', 'AbortError')]);
    expect((await failure(transport({ method: 'GET', path: '/v1/x', schema: Thing, signal: controller.signal }))).code).toBe('aborted');
  });
});
