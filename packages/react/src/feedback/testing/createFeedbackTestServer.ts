import {
  createMemoryStorage,
  createRapportClient,
  type FeedbackResponse,
  type KeyValueStorage,
  type OnlineEventTarget,
  type RapportClient,
  type Survey,
  type SurveyCreate,
  type SurveyUpdate,
} from '@rapport/core';
import type { InProcessServer } from '../../../../../testing/createTestServer.js';

/** A switch a test flips to take a client's network down (its requests then fail like `fetch` offline). */
export interface TestNetwork {
  online: boolean;
}

/** One request a client sent, as the test saw it. */
export interface FeedbackTestRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  /** HTTP status of the answer, once it arrived (`undefined` before, or when the network was down). */
  status?: number;
}

/** Options of {@link FeedbackTestServer.client}. */
export interface FeedbackTestClientOptions {
  /** The browser's storage; share one between clients to simulate a reload or a second tab. Default: a new one. */
  storage?: KeyValueStorage;
  /** The network switch. Default: always online. */
  network?: TestNetwork;
  /** Where `online` is heard. Default: none. */
  onlineTarget?: OnlineEventTarget | null;
  /** Runs before a request reaches the server; await something to hold the answer back. Default: none. */
  beforeRequest?: (request: FeedbackTestRequest) => Promise<void> | void;
}

/** The real server in this process, with admin helpers for feedback. Test-only. */
export interface FeedbackTestServer {
  /** Every request any client sent, in order. */
  requests: FeedbackTestRequest[];
  /** A client whose `fetch` is the server's `app.request` (no network). */
  client(options?: FeedbackTestClientOptions): RapportClient;
  /** Creates an active survey with the secret key (other fields take the server's defaults). */
  createSurvey(fields: Partial<SurveyCreate> & Pick<SurveyCreate, 'kind'>): Promise<Survey>;
  updateSurvey(id: string, update: SurveyUpdate): Promise<Survey>;
  /** Every stored response of a survey, as the business sees them. */
  responses(surveyId: string): Promise<FeedbackResponse[]>;
  /** The business replies publicly to a response and resolves it. */
  reply(responseId: string, message: string): Promise<void>;
  close(): Promise<void>;
}

/** Wraps an in-process server (built by the test file, which may import `@rapport/server`). */
export function createFeedbackTestServer(
  server: InProcessServer & { seeded: { secretKey: string | null } },
): FeedbackTestServer {
  const { app, seeded } = server;
  const requests: FeedbackTestRequest[] = [];
  let surveys = 0;

  async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await app.request(`http://rapport.test${path}`, {
      method,
      headers: { authorization: `Bearer ${seeded.secretKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(payload)}`);
    return payload;
  }

  return {
    requests,
    client(options = {}) {
      return createRapportClient({
        baseUrl: 'http://rapport.test',
        publishableKey: seeded.publishableKey,
        storage: options.storage ?? createMemoryStorage(),
        onlineTarget: options.onlineTarget ?? null,
        retry: { retries: 0 },
        fetch: async (input, init) => {
          const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
          const request: FeedbackTestRequest = { method: init?.method ?? 'GET', path: new URL(String(input)).pathname, body };
          requests.push(request);
          await options.beforeRequest?.(request);
          if (options.network && !options.network.online) throw new TypeError('fetch failed');
          const response = await app.request(input, init);
          request.status = response.status;
          return response;
        },
      });
    },
    createSurvey(fields) {
      surveys += 1;
      return admin<Survey>('POST', '/v1/admin/surveys', {
        name: `Test survey ${surveys}`,
        question: `Question ${surveys}?`,
        status: 'active',
        ...fields,
      });
    },
    updateSurvey: (id, update) => admin<Survey>('PATCH', `/v1/admin/surveys/${id}`, update),
    async responses(surveyId) {
      const page = await admin<{ items: FeedbackResponse[] }>('GET', `/v1/admin/feedback/responses?surveyId=${surveyId}&limit=100`);
      return page.items;
    },
    async reply(responseId, message) {
      await admin('PATCH', `/v1/admin/feedback/responses/${responseId}`, { reply: message, status: 'resolved' });
    },
    close: server.close,
  };
}
