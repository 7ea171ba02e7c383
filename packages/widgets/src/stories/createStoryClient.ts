import {
  createMemoryStorage,
  createRapportClient,
  scoreBand,
  type BootstrapResponse,
  type RapportClient,
} from '@rapport/core';
import {
  LoopReplySchema,
  PromptEventResultSchema,
  PromptEventSchema,
  ReplySeenSchema,
  ResponseSubmitSchema,
  VisitorProfileUpdateSchema,
  VisitorResponseSchema,
  VisitorSessionSchema,
} from '@rapport/core/schemas';
import { bootstrapFixture, errorEnvelope } from './storyFixtures.js';

/**
 * How the story server answers the bootstrap request:
 * - `ready`: with the fixture;
 * - `loading`: never (the request stays pending until the story unmounts);
 * - `error`: always with a 503 error envelope;
 * - `error-once`: with the error first, then the fixture (for Retry).
 */
export type StoryMode = 'ready' | 'loading' | 'error' | 'error-once';

/**
 * How the story server answers feedback answers (`POST /v1/visitor/feedback/responses`):
 * - `ready`: stores it and answers with a `VisitorResponse`;
 * - `offline`: the request never reaches a server (`fetch` rejects), so the answer is kept in the outbox;
 * - `error`: refuses it with a 422 error envelope (`validation_failed`);
 * - `pending`: never answers (the prompt stays "Sending…").
 * Prompt events and reply receipts are always answered (a display is accepted).
 */
export type StoryFeedbackMode = 'ready' | 'offline' | 'error' | 'pending';

/** Options of {@link createStoryClient}. */
export interface StoryClientOptions {
  /** How the bootstrap request is answered. Default: `'ready'`. */
  mode?: StoryMode;
  /** The bootstrap response. Default: {@link bootstrapFixture}`()` (a known visitor). */
  bootstrap?: BootstrapResponse;
  /** How feedback answers are answered. Default: `'ready'`. */
  feedback?: StoryFeedbackMode;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Resolves never, but rejects when `signal` aborts, so an unmounted story leaves nothing hanging. */
const pendingUntilAborted = (signal: AbortSignal | null | undefined) =>
  new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));

/**
 * A real `RapportClient` whose `fetch` answers from schema-validated fixtures, for stories in the browser
 * (which must never import server code). Responses go through the client's own validation, like real ones.
 */
export function createStoryClient(options: StoryClientOptions = {}): RapportClient {
  const mode = options.mode ?? 'ready';
  let bootstrap = options.bootstrap ?? bootstrapFixture();
  let failuresLeft = mode === 'error-once' ? 1 : mode === 'error' ? Infinity : 0;
  const unavailable = () => json(503, errorEnvelope('internal', 'The service is temporarily unavailable'));

  const storyFetch: typeof fetch = async (input, init) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    const method = init?.method ?? 'GET';
    if (method === 'GET' && path === '/v1/visitor/bootstrap') {
      if (mode === 'loading') return pendingUntilAborted(init?.signal);
      if (failuresLeft > 0) {
        failuresLeft--;
        return unavailable();
      }
      return json(200, bootstrap);
    }
    if (method === 'PATCH' && path === '/v1/visitor/profile') {
      const update = VisitorProfileUpdateSchema.parse(JSON.parse(String(init?.body)));
      const visitor = VisitorSessionSchema.parse({ ...bootstrap.visitor, ...update });
      bootstrap = { ...bootstrap, visitor };
      return json(200, visitor);
    }
    if (method === 'POST' && path.startsWith('/v1/visitor/feedback/')) return feedbackFetch(path, init);
    return json(404, errorEnvelope('not_found', `No story fixture for ${method} ${path}`));
  };

  const feedbackMode = options.feedback ?? 'ready';
  // Replies stay answerable after the bootstrap stops listing them (seen, then acknowledged).
  const replies = bootstrap.widgets.feedback?.replies ?? [];
  const feedbackFetch = async (path: string, init: RequestInit | undefined): Promise<Response> => {
    const body: unknown = JSON.parse(String(init?.body));
    if (path === '/v1/visitor/feedback/events') {
      PromptEventSchema.parse(body);
      return json(200, PromptEventResultSchema.parse({ accepted: true, reason: null }));
    }
    const seen = /^\/v1\/visitor\/feedback\/replies\/([^/]+)\/seen$/.exec(path);
    if (seen) {
      ReplySeenSchema.parse(body);
      const reply = replies.find((r) => r.responseId === decodeURIComponent(seen[1]!));
      return reply ? json(200, LoopReplySchema.parse(reply)) : json(404, errorEnvelope('not_found', 'No such reply'));
    }
    if (path !== '/v1/visitor/feedback/responses') {
      return json(404, errorEnvelope('not_found', `No story fixture for POST ${path}`));
    }
    const answer = ResponseSubmitSchema.parse(body);
    if (feedbackMode === 'offline') throw new TypeError('Failed to fetch');
    if (feedbackMode === 'pending') return pendingUntilAborted(init?.signal);
    if (feedbackMode === 'error') return json(422, errorEnvelope('validation_failed', 'The answer was refused'));
    const survey = bootstrap.widgets.feedback?.surveys.find((s) => s.id === answer.surveyId);
    if (!survey) return json(404, errorEnvelope('not_found', 'Unknown survey'));
    return json(
      201,
      VisitorResponseSchema.parse({
        id: answer.id,
        surveyId: survey.id,
        kind: survey.kind,
        score: answer.score,
        band: scoreBand(survey.kind, answer.score),
        text: answer.text ?? null,
        contactRequested: answer.contactRequested ?? false,
        answeredAt: answer.answeredAt ?? new Date().toISOString(),
      }),
    );
  };

  return createRapportClient({
    baseUrl: 'https://rapport.example',
    publishableKey: 'pk_story',
    storage: createMemoryStorage(),
    retry: { retries: 0 },
    fetch: storyFetch,
    // A story's outbox must not hear the real window going online, nor keep retrying after it unmounts.
    onlineTarget: null,
    outboxRetry: { baseDelayMs: 60_000 },
  });
}
