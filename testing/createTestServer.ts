// Shared by the react and widgets test suites: the real server in-process, with clients that talk to it.
import {
  createMemoryStorage,
  createRapportClient,
  type KeyValueStorage,
  type OnlineEventTarget,
  type RapportClient,
} from '@rapport/core';

/** One request a client sent, as the test saw it. */
export interface SentRequest {
  method: string;
  path: string;
  /** The JSON body, parsed. `undefined` when there was none. */
  body?: Record<string, unknown>;
  /** HTTP status of the answer, once it arrived (`undefined` before, or when the network was down). */
  status?: number;
}

/** A switch a test flips to take a client's network down (its requests then fail like `fetch` offline). */
export interface TestNetwork {
  online: boolean;
}

/** Options of {@link TestServer.createClient}. */
export interface TestClientOptions {
  /** The visitor token to send (known visitor). Default: none (anonymous). */
  getVisitorToken?: () => Promise<string | null> | string | null;
  /** Publishable key to use. Default: the seeded site's. */
  publishableKey?: string;
  /** The browser's storage; share one between clients to simulate a reload or a second tab. Default: a new one. */
  storage?: KeyValueStorage;
  /** The network switch. Default: always online. */
  network?: TestNetwork;
  /** Where `online` is heard. Default: the client's own default (the window, under jsdom). */
  onlineTarget?: OnlineEventTarget | null;
  /** Runs before the request reaches the server; await something here to hold the answer back. Default: none. */
  beforeRequest?: (request: SentRequest) => Promise<void> | void;
}

/**
 * What a test passes in from `@rapport/server` (see `startInProcessServer`): the Hono app over a migrated,
 * seeded store.
 */
export interface InProcessServer {
  app: { request(input: RequestInfo | URL, init?: RequestInit): Response | Promise<Response> };
  seeded: { publishableKey: string; identitySecret: string; secretKey: string | null; site: { name: string } };
  close(): Promise<void>;
}

/** The real Rapport server in this process, with clients that talk to it. Test-only. */
export interface TestServer {
  publishableKey: string;
  identitySecret: string;
  siteName: string;
  /** Every request any client of this server sent, in order. */
  requests: SentRequest[];
  /** A client whose `fetch` is the server's `app.request` (no network, no retries), with its own memory storage. */
  createClient(options?: TestClientOptions): RapportClient;
  close(): Promise<void>;
}

/** Wraps an in-process server for tests. */
export function createTestServer({ app, seeded, close }: InProcessServer): TestServer {
  const requests: SentRequest[] = [];
  return {
    publishableKey: seeded.publishableKey,
    identitySecret: seeded.identitySecret,
    siteName: seeded.site.name,
    requests,
    createClient(options = {}) {
      return createRapportClient({
        baseUrl: 'http://rapport.test',
        publishableKey: options.publishableKey ?? seeded.publishableKey,
        getVisitorToken: options.getVisitorToken,
        storage: options.storage ?? createMemoryStorage(),
        onlineTarget: options.onlineTarget,
        retry: { retries: 0 },
        fetch: async (input, init) => {
          const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
          const request: SentRequest = { method: init?.method ?? 'GET', path: new URL(String(input)).pathname, body };
          requests.push(request);
          await options.beforeRequest?.(request);
          if (options.network && !options.network.online) throw new TypeError('fetch failed');
          const response = await app.request(input, init);
          request.status = response.status;
          return response;
        },
      });
    },
    close,
  };
}
