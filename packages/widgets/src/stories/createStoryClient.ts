import {
  createMemoryStorage,
  createRapportClient,
  scoreBand,
  type BootstrapResponse,
  type PreferenceChange,
  type PreferencesBootstrap,
  type PreferenceState,
  type RapportClient,
} from '@rapport/core';
import {
  LoopReplySchema,
  PreferenceChangeSchema,
  PreferenceExportSchema,
  PreferencesBootstrapSchema,
  PreferenceStateSchema,
  PromptEventResultSchema,
  PromptEventSchema,
  ReplySeenSchema,
  ResponseSubmitSchema,
  VisitorProfileUpdateSchema,
  VisitorResponseSchema,
  VisitorSessionSchema,
} from '@rapport/core/schemas';
import { loyaltyStoryRoutes } from './loyaltyFixtures.js';
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

/**
 * How the story server answers preference changes (`PATCH /v1/visitor/preferences`):
 * - `ready`: applies them to the fixture's state (email → `pending`, other channels → `on`, withdrawn → `off`);
 * - `refuse`: refuses them with a 409 error envelope (`conflict`), so the widget rolls back;
 * - `offline`: the request never reaches a server (`fetch` rejects).
 * The export (`GET /v1/visitor/preferences/export`) is always answered.
 */
export type StoryPreferencesMode = 'ready' | 'refuse' | 'offline';

/** Options of {@link createStoryClient}. */
export interface StoryClientOptions {
  /** How the bootstrap request is answered. Default: `'ready'`. */
  mode?: StoryMode;
  /** The bootstrap response. Default: {@link bootstrapFixture}`()` (a known visitor). */
  bootstrap?: BootstrapResponse;
  /** How feedback answers are answered. Default: `'ready'`. */
  feedback?: StoryFeedbackMode;
  /**
   * How preference changes (`PATCH /v1/visitor/preferences`) are answered: `ready` applies them to the
   * fixture's state, `refuse` answers 409 `conflict` (a rolled-back save), `offline` rejects. Default: `'ready'`.
   */
  preferences?: StoryPreferencesMode;
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
    if (path.startsWith('/v1/visitor/loyalty')) return loyaltyFetch(method, path, init);
    if (method === 'GET' && path === '/v1/visitor/owner') {
      const { owner } = bootstrap.widgets;
      return owner ? json(200, owner) : json(404, errorEnvelope('not_found', 'The contact-owner badge is off'));
    }
    if (path.startsWith('/v1/visitor/preferences')) {
      const slot = PreferencesBootstrapSchema.safeParse(bootstrap.widgets.preferences);
      if (!slot.success) return json(404, errorEnvelope('not_found', 'Preferences are switched off'));
      return preferencesFetch(slot.data, method, path, init);
    }
    return json(404, errorEnvelope('not_found', `No story fixture for ${method} ${path}`));
  };

  // The card lives in the bootstrap, so a reload (Retry, refetch) shows what the visitor did.
  const loyaltyFetch = loyaltyStoryRoutes(
    () => bootstrap.widgets.loyalty?.card ?? null,
    (card) => (bootstrap = { ...bootstrap, widgets: { ...bootstrap.widgets, loyalty: { enabled: true, card } } }),
  );

  const preferencesMode = options.preferences ?? 'ready';
  const history: unknown[] = [];
  const preferencesFetch = async (
    slot: PreferencesBootstrap,
    method: string,
    path: string,
    init: RequestInit | undefined,
  ): Promise<Response> => {
    if (!slot.state) return json(401, errorEnvelope('unauthorized', 'Sign in to manage your preferences'));
    if (method === 'GET' && path === '/v1/visitor/preferences/export') {
      const { externalId } = bootstrap.visitor;
      const body = { exportedAt: new Date().toISOString(), contact: { externalId, email: null }, state: slot.state, history };
      return json(200, PreferenceExportSchema.parse(body));
    }
    if (method !== 'PATCH' || path !== '/v1/visitor/preferences') {
      return json(404, errorEnvelope('not_found', `No story fixture for ${method} ${path}`));
    }
    const change = PreferenceChangeSchema.parse(JSON.parse(String(init?.body)));
    if (preferencesMode === 'offline') throw new TypeError('Failed to fetch');
    if (preferencesMode === 'refuse') {
      return json(409, errorEnvelope('conflict', 'These preferences changed elsewhere. Reload and try again.'));
    }
    const state = applyChange(slot.catalog, slot.state, change);
    history.push(...storyEvents(bootstrap.visitor.contactId, change, slot.catalog.wordingHash, history.length));
    const preferences: PreferencesBootstrap = { ...slot, state };
    bootstrap = { ...bootstrap, widgets: { ...bootstrap.widgets, preferences } };
    return json(200, state);
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

/** What the server does with a change: email waits for its double opt-in, withdrawing is immediate. */
function applyChange(catalog: PreferencesBootstrap['catalog'], state: PreferenceState, change: PreferenceChange) {
  const required = new Set(catalog.topics.filter((t) => t.required).map((t) => t.id));
  const topics = state.topics.map((topic) => ({
    ...topic,
    frequency: change.frequencies?.find((f) => f.topicId === topic.topicId)?.frequency ?? topic.frequency,
    channels: topic.channels.map((choice) => {
      const made = change.choices?.find((c) => c.topicId === topic.topicId && c.channel === choice.channel);
      // Unsubscribing from all (and back) leaves every marketing choice off; required topics stay as they are.
      if (!made) return change.unsubscribeAll === undefined || required.has(topic.topicId) ? choice : { ...choice, state: 'off' as const };
      const granted = choice.channel === 'email' && choice.state !== 'on' ? ('pending' as const) : ('on' as const);
      return { ...choice, state: made.granted ? granted : ('off' as const) };
    }),
  }));
  return PreferenceStateSchema.parse({
    topics,
    pausedUntil: change.pauseUntil !== undefined ? change.pauseUntil : state.pausedUntil,
    unsubscribedAll: change.unsubscribeAll ?? state.unsubscribedAll,
  });
}

/** Consent events for the export: enough for a story to show a history (the real log is hash-chained). */
function storyEvents(contactId: string, change: PreferenceChange, wordingHash: string, from: number): unknown[] {
  const base = { contactId, frequency: null, source: 'widget', wording: '', wordingHash, locale: change.locale ?? null };
  const actions: Array<{ topicId: string | null; channel: string | null; action: string }> = [
    ...(change.choices ?? []).map((c) => ({ ...c, action: c.granted ? 'granted' : 'withdrawn' })),
    ...(change.unsubscribeAll === undefined ? [] : [{ topicId: null, channel: null, action: change.unsubscribeAll ? 'unsubscribed_all' : 'resubscribed_all' }]),
    ...(change.pauseUntil === undefined ? [] : [{ topicId: null, channel: null, action: change.pauseUntil ? 'paused' : 'resumed' }]),
  ];
  return actions.map(({ topicId, channel, action }, i) => ({
    ...base,
    id: `evt_story_${from + i + 1}`,
    sequence: from + i + 1,
    topicId,
    channel,
    action,
    catalogVersion: change.catalogVersion,
    occurredAt: new Date().toISOString(),
    confirmedAt: null,
    hash: `story${from + i + 1}`,
    previousHash: from + i === 0 ? null : `story${from + i}`,
  }));
}
