// Shared by the react and widgets test suites: the real server in-process, with clients that talk to it.
import { createMemoryStorage, createRapportClient, type RapportClient } from '@rapport/core';

/** One request the client sent, as the test saw it. */
export interface SentRequest {
  method: string;
  path: string;
}

/** Options of {@link TestServer.createClient}. */
export interface TestClientOptions {
  /** The visitor token to send (known visitor). Default: none (anonymous). */
  getVisitorToken?: () => Promise<string | null> | string | null;
  /** Publishable key to use. Default: the seeded site's. */
  publishableKey?: string;
  /** Runs before the request reaches the server; await something here to hold the answer back. */
  beforeRequest?: (request: SentRequest) => Promise<void> | void;
}

/**
 * What a test passes in from `@rapport/server` (test files import the server; this helper does not, so the
 * browser package's source never references server code): the Hono app over a migrated, seeded store.
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
  /** A client whose `fetch` is the server's `app.request` (no network), with its own memory storage. */
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
        storage: createMemoryStorage(),
        retry: { retries: 0 },
        fetch: async (input, init) => {
          const request: SentRequest = { method: init?.method ?? 'GET', path: new URL(String(input)).pathname };
          requests.push(request);
          await options.beforeRequest?.(request);
          return app.request(input, init);
        },
      });
    },
    close,
  };
}
