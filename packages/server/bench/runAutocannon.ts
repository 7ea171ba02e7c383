import autocannon from 'autocannon';
import { dot } from './printTable.js';

/** One kind of request a run repeats. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** A body made anew for each request (a fresh idempotency key each time), or none. */
  body?: () => string;
  /** Headers made anew for each request, over `headers` (another visitor's token each time), or none. */
  headersFor?: () => Record<string, string>;
  /** The status every response should have. */
  expectedStatus: number;
}

/** Bounds of one run. */
export interface LoadBounds {
  seconds: number;
  connections: number;
  /** The run is stopped after this many responses, even with time left. */
  maxRequests: number;
}

/** What one run measured. */
export interface RunFigures {
  /** Mean of the per-second request counts. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses received. */
  responses: number;
  /** Responses with another status than expected, plus connection errors and timeouts. */
  unexpected: number;
  /** Count per status code, and `errors` for connection errors. */
  statuses: Record<string, number>;
}

/** Refuses any target but this machine's loopback address: the load must never leave the machine. */
export function assertLoopback(baseUrl: string): void {
  const { hostname } = new URL(baseUrl);
  if (hostname !== '127.0.0.1') throw new Error(`The benchmark only loads 127.0.0.1, not ${hostname}`);
}

/** Loads `baseUrl` with `request` for `bounds.seconds` (or up to `bounds.maxRequests` responses), printing a dot a second. */
export function runAutocannon(baseUrl: string, request: LoadRequest, bounds: LoadBounds): Promise<RunFigures> {
  assertLoopback(baseUrl);
  const { body, headersFor } = request;
  return new Promise<RunFigures>((resolve, reject) => {
    let responses = 0;
    const instance = autocannon(
      {
        url: baseUrl,
        connections: bounds.connections,
        duration: bounds.seconds,
        timeout: 10,
        requests: [
          {
            method: request.method,
            path: request.path,
            headers: request.headers,
            ...(body || headersFor
              ? {
                  setupRequest: (req: autocannon.Request) => ({
                    ...req,
                    ...(body ? { body: body() } : {}),
                    ...(headersFor ? { headers: { ...request.headers, ...headersFor() } } : {}),
                  }),
                }
              : {}),
          },
        ],
      },
      (error: Error | null, result: autocannon.Result) => {
        if (error) {
          reject(error);
          return;
        }
        const statuses: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
        if (result.errors > 0) statuses.errors = result.errors;
        const answered = Object.entries(statuses).reduce((sum, [code, count]) => (code === 'errors' ? sum : sum + count), 0);
        resolve({
          requestsPerSecond: result.requests.mean,
          p50: result.latency.p50,
          p99: result.latency.p99,
          responses: answered,
          unexpected: answered - (statuses[String(request.expectedStatus)] ?? 0) + result.errors,
          statuses,
        });
      },
    );
    instance.on('tick', dot);
    instance.on('response', () => {
      responses += 1;
      if (responses === bounds.maxRequests) instance.stop();
    });
  });
}
