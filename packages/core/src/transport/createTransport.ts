import type * as z from 'zod/mini';
import { RapportError } from '../errors/RapportError.js';
import { RAPPORT_HEADERS } from '../protocol.js';
import { loadContract } from '../client/loadContract.js';
import { toIssues } from './toIssues.js';
import { backoffDelay, parseRetryAfter, type RetryOptions } from './backoff.js';
import { abortedError, sleep } from './sleep.js';

/** Settings of the HTTP layer under every resource. */
export interface TransportOptions {
  /** Base URL of the Rapport API, e.g. `https://api.example.com` (no trailing `/v1`). */
  baseUrl: string;
  /** Static headers sent with every request (the publishable key, for the browser client). */
  headers: Record<string, string>;
  /** Bearer credential for a request, or `null` for none. */
  getAuthorization: () => Promise<string | null> | string | null;
  /** The `fetch` to use. */
  fetch: typeof fetch;
  /** Retry policy for idempotent requests. */
  retry: Required<RetryOptions>;
  /** Source of randomness for jitter, in [0, 1). */
  random: () => number;
  /** Current time in epoch milliseconds, for `Retry-After` dates. */
  now: () => number;
}

/**
 * A schema, or a function that loads one. Resources pass loaders (`() => import('…').then(…)`) so zod and
 * the contract load in parallel with the first request instead of before the first render.
 */
export type SchemaSource<S extends z.ZodMiniType> = S | (() => Promise<S>);

/** Resolves a {@link SchemaSource}. */
export async function loadSchema<S extends z.ZodMiniType>(source: SchemaSource<S>): Promise<S> {
  return typeof source === 'function' ? source() : source;
}

/** One API call. */
export interface TransportRequest<S extends z.ZodMiniType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, starting with `/v1/`. */
  path: string;
  /** JSON body for writes. */
  body?: unknown;
  /** Schema the response body must match, or a loader of it. */
  schema: SchemaSource<S>;
  /** Idempotency key for a write; writes with a key are retried like reads. */
  idempotencyKey?: string;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Cancels the call, including retries and waits between them. */
  signal?: AbortSignal;
}

/** Performs requests: auth headers, JSON, response validation, typed errors and retries. */
export type Transport = <S extends z.ZodMiniType>(request: TransportRequest<S>) => Promise<z.infer<S>>;

/**
 * Statuses worth another try: the server is overloaded or failing (5xx), asked us to slow down (429) or timed
 * out waiting for the request (408). Any other 4xx — a refused origin or key, a bad token, invalid input — is an
 * answer: asking again gets the same one, later, and hides the cause behind retries.
 */
const RETRYABLE_STATUS = (status = 0) => status >= 500 || status === 429 || status === 408;

/** Builds the {@link Transport} every resource of a client shares. */
export function createTransport(options: TransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // The last answer of each GET (by path and credentials) with its ETag: asked again with If-None-Match, a 304
  // (nothing changed) resolves with it instead of downloading and checking the same body again.
  const validated = new Map<string, [etag: string, value: unknown]>();

  async function attempt<S extends z.ZodMiniType>(request: TransportRequest<S>): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...request.headers };
    const authorization = await options.getAuthorization();
    if (authorization) headers.authorization = `Bearer ${authorization}`;
    if (request.idempotencyKey) headers[RAPPORT_HEADERS.idempotencyKey] = request.idempotencyKey;
    if (request.body !== undefined) headers['content-type'] = 'application/json';

    const key = request.method === 'GET' && request.path + headers.authorization + JSON.stringify(request.headers);
    const known = key && validated.get(key);
    if (known) headers['if-none-match'] = known[0];

    let response: Response;
    try {
      response = await options.fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
      });
    } catch (cause) {
      if (request.signal?.aborted) throw abortedError(request.signal);
      throw new RapportError('Could not reach the Rapport API', { code: 'network', cause });
    }
    if (known && response.status === 304) return known[1] as z.infer<S>;
    const requestId = response.headers.get(RAPPORT_HEADERS.requestId) ?? undefined;
    const payload = await readJson(response, request.signal);
    if (!response.ok) throw await errorFromResponse(response, payload, requestId, options.now());

    const parsed = (await loadSchema(request.schema)).safeParse(payload.value);
    if (!parsed.success) {
      throw new RapportError(`Unexpected response from ${request.method} ${request.path}`, {
        code: 'validation',
        status: response.status,
        issues: toIssues(parsed.error.issues),
        requestId,
      });
    }
    const etag = key && response.headers.get('etag');
    if (etag) {
      // A few paths per visitor token: when tokens have come and gone, start over rather than keep them all.
      if (validated.size > 32) validated.clear();
      validated.set(key, [etag, parsed.data]);
    }
    return parsed.data;
  }

  return async function request(req) {
    const idempotent = req.method === 'GET' || req.idempotencyKey !== undefined;
    for (let tries = 0; ; tries++) {
      try {
        return await attempt(req);
      } catch (error) {
        const retryable = error instanceof RapportError && (error.code === 'network' || RETRYABLE_STATUS(error.status));
        if (!idempotent || !retryable || tries >= options.retry.retries) throw error;
        const delay = backoffDelay(tries, options.retry, options.random, error.retryAfterSeconds);
        await sleep(delay, req.signal);
      }
    }
  };
}

async function readJson(response: Response, signal?: AbortSignal): Promise<{ ok: boolean; value: unknown }> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw abortedError(signal);
    throw new RapportError('The connection dropped while reading the response', { code: 'network', cause });
  }
  try {
    return { ok: true, value: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false, value: text };
  }
}

async function errorFromResponse(
  response: Response,
  payload: { ok: boolean; value: unknown },
  headerRequestId: string | undefined,
  now: number,
): Promise<RapportError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), now);
  const { ErrorEnvelopeSchema } = await loadContract();
  const envelope = payload.ok ? ErrorEnvelopeSchema.safeParse(payload.value) : undefined;
  // Without a Rapport error envelope (a proxy's error page, say) the failure is `http`.
  const sent = envelope?.success ? envelope.data.error : undefined;
  return new RapportError(sent?.message ?? `HTTP ${response.status} from the Rapport API`, {
    code: sent?.code ?? 'http',
    status: response.status,
    issues: sent?.issues,
    requestId: sent?.requestId || headerRequestId,
    retryAfterSeconds,
  });
}
