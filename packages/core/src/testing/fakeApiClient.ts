import { createRapportClient, type RapportClient, type RapportClientOptions } from '../client/createRapportClient.js';
import { createMemoryStorage } from '../storage/KeyValueStorage.js';

/** A request the fake API received. `body` is the parsed JSON body, when there is one. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** What the fake API answers to one request. */
export interface FakeAnswer {
  status: number;
  body: unknown;
}

/**
 * For unit tests of the client's resources: a client (visitor token `visitor.jwt`, memory storage, no
 * `online` listener, no jitter) over a fake API that gives `answers` in turn, the last one again once they
 * run out, and records every request in `sent`. `options` override the client's.
 */
export function fakeApiClient(
  answers: readonly FakeAnswer[],
  options: Partial<RapportClientOptions> = {},
): { client: RapportClient; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const client = createRapportClient({
    baseUrl: 'https://api.test',
    publishableKey: 'pk_1',
    getVisitorToken: () => 'visitor.jwt',
    storage: createMemoryStorage(),
    onlineTarget: null,
    random: () => 0,
    fetch: (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      sent.push({ method: init?.method ?? 'GET', path: new URL(String(input)).pathname, body, headers: init?.headers as Record<string, string> });
      if (init?.signal?.aborted) return Promise.reject(new DOMException('Aborted', 'AbortError'));
      const answer = answers[Math.min(sent.length, answers.length) - 1] ?? { status: 204, body: null };
      return Promise.resolve(Response.json(answer.body, { status: answer.status }));
    },
    ...options,
  });
  return { client, sent };
}
