import { createMemoryStorage, createRapportClient, type BootstrapResponse, type RapportClient } from '@rapport/core';
import { VisitorProfileUpdateSchema, VisitorSessionSchema } from '@rapport/core/schemas';
import { bootstrapFixture, errorEnvelope } from './storyFixtures.js';

/**
 * How the story server answers the bootstrap request:
 * - `ready`: with the fixture;
 * - `loading`: never (the request stays pending until the story unmounts);
 * - `error`: always with a 503 error envelope;
 * - `error-once`: with the error first, then the fixture (for Retry).
 */
export type StoryMode = 'ready' | 'loading' | 'error' | 'error-once';

/** Options of {@link createStoryClient}. */
export interface StoryClientOptions {
  /** How the bootstrap request is answered. Default: `'ready'`. */
  mode?: StoryMode;
  /** The bootstrap response. Default: {@link bootstrapFixture}`()` (a known visitor). */
  bootstrap?: BootstrapResponse;
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
    return json(404, errorEnvelope('not_found', `No story fixture for ${method} ${path}`));
  };

  return createRapportClient({
    baseUrl: 'https://rapport.example',
    publishableKey: 'pk_story',
    storage: createMemoryStorage(),
    retry: { retries: 0 },
    fetch: storyFetch,
  });
}
