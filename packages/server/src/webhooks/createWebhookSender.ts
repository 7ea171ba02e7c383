import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal, systemResolveHost, webhookUrlSyntaxRefusal, type WebhookUrlPolicy } from './checkWebhookUrl.js';

/** One signed POST to an endpoint. */
export interface WebhookRequest {
  url: string;
  /** The Standard Webhooks headers (and any other); `content-type` and `content-length` are added. */
  headers: Record<string, string>;
  body: string;
  /** Aborts the attempt (shutdown). Default: none. */
  signal?: AbortSignal;
}

/** What came back, or why nothing usable did. A sender never rejects. */
export interface WebhookResponse {
  /** The HTTP status, `null` when no response head arrived. */
  statusCode: number | null;
  /** The first characters of the response body (at most `excerptChars`). */
  excerpt: string;
  /** The `Retry-After` header, if any. */
  retryAfter: string | null;
  /** What went wrong (`timeout`, `connect timeout`, `blocked address …`, `response over 65536 bytes`, …); `null` for a whole response. */
  error: string | null;
}

/** Sends one attempt (the worker's `send` option: tests inject one). */
export type WebhookSender = (request: WebhookRequest) => Promise<WebhookResponse>;

/** Options of {@link createWebhookSender}. */
export interface WebhookSenderOptions extends WebhookUrlPolicy {
  /** Time to open the TCP connection, in milliseconds. Default: 5000. */
  connectTimeoutMs?: number;
  /** Time for the whole attempt (connect, TLS, request, the full response), in milliseconds. Default: 15000. */
  timeoutMs?: number;
  /** Response bytes read at most; a longer body fails the attempt and the socket is destroyed. Default: 65536. */
  maxResponseBytes?: number;
  /** Characters of the response kept as the attempt's excerpt. Default: 1000. */
  excerptChars?: number;
  /** Connections kept open per host (keep-alive). Default: 16. */
  maxSocketsPerHost?: number;
}

/** A sender with its connection pools. */
export interface NodeWebhookSender {
  send: WebhookSender;
  /** Closes the idle connections kept for reuse. */
  close(): void;
}

class RefusedAddressError extends Error {}

function describe(error: unknown): string {
  if (error instanceof RefusedAddressError) return error.message;
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code})`;
  if (code === 'ABORT_ERR' || (error as Error | null)?.name === 'AbortError') return 'aborted';
  return ((error as Error | null)?.message ?? String(error)).slice(0, 300);
}

/**
 * Sends webhooks with `node:http`/`node:https` and never to a refused address: IP literals are checked before
 * connecting, and host names through a `lookup` that resolves them and checks every address, so the socket only
 * connects to an address that was checked (no DNS rebinding between a check and the connection). No redirect is
 * followed; at most `maxResponseBytes` of the answer are read; every attempt ends within `timeoutMs`.
 */
export function createWebhookSender(options: WebhookSenderOptions = {}): NodeWebhookSender {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxResponseBytes ?? 65_536;
  const excerptChars = options.excerptChars ?? 1_000;
  const resolveHost = options.resolveHost ?? systemResolveHost;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 16, timeout: timeoutMs, scheduling: 'lifo' as const };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolveHost(hostname).then(
      (addresses) => {
        const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        for (const address of addresses) {
          const refused = addressRefusal(address, options);
          if (refused !== null) return callback(new RefusedAddressError(`blocked address: ${hostname} resolves to ${address}, ${refused}`), '', 0);
        }
        const usable = addresses.filter((address) => family === 0 || isIP(address) === family);
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
        if (lookupOptions.all) return callback(null, usable.map((address) => ({ address, family: isIP(address) })) as never);
        return callback(null, usable[0]!, isIP(usable[0]!));
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };

  const send: WebhookSender = (request) =>
    new Promise<WebhookResponse>((resolve) => {
      const refusal = webhookUrlSyntaxRefusal(request.url, options);
      if (refusal !== null) return resolve({ statusCode: null, excerpt: '', retryAfter: null, error: `blocked address: ${refusal}` });
      const url = new URL(request.url);
      const body = Buffer.from(request.body, 'utf8');
      let statusCode: number | null = null;
      let retryAfter: string | null = null;
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      const finish = (error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(overall);
        const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, excerptChars);
        resolve({ statusCode, excerpt, retryAfter, error });
      };
      const isHttps = url.protocol === 'https:';
      const req = (isHttps ? https : http).request(url, {
        method: 'POST',
        agent: isHttps ? agents.https : agents.http,
        lookup,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(body.length),
          'user-agent': 'Rapport-Webhooks/1',
        },
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const fail = (error: string) => {
        finish(error);
        req.destroy();
      };
      const overall = setTimeout(() => fail(statusCode === null ? 'timeout' : 'timeout reading the response'), timeoutMs);
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => fail('connect timeout'), connectTimeoutMs);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      req.on('error', (error) => finish(describe(error)));
      req.on('response', (res) => {
        statusCode = res.statusCode ?? null;
        const header = res.headers['retry-after'];
        retryAfter = typeof header === 'string' ? header : null;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) return fail(`response over ${maxBytes} bytes`);
          chunks.push(chunk);
        });
        res.on('end', () => finish(null));
        res.on('error', (error) => fail(describe(error)));
        res.on('close', () => (res.complete ? finish(null) : fail('response cut short')));
      });
      req.end(body);
    });

  return {
    send,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
