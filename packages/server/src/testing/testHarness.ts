import { RAPPORT_HEADERS, type ErrorEnvelope } from '@rapport/core';
import { ErrorEnvelopeSchema } from '@rapport/core/schemas';
import type { Hono } from 'hono';
import { createApp, type CreateAppOptions } from '../createApp.js';
import { randomAlphanumeric } from '../crypto/random.js';
import type { AppEnv } from '../http/AppEnv.js';
import { createSilentLogger } from '../logger.js';
import { createSite, type CreateSiteOptions, type CreatedSite } from '../sites/createSite.js';
import type { RapportStore } from '../store/Store.js';
import { signVisitorToken } from '../tokens/signVisitorToken.js';
import { createTestStore, type TestStore } from './createTestStore.js';

/** Origins every test site allows. */
export const TEST_ORIGINS = ['https://shop.example.com', 'https://*.example.org'];

/** A clock tests move by hand, or the real clock (race tests). */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
  set(date: Date): void;
  /** True for the real clock, which cannot be moved. */
  readonly real: boolean;
}

/** A clock starting at `start` that only moves when told to. */
export function createTestClock(start = new Date('2026-11-23T09:00:00.000Z')): TestClock {
  let current = start.getTime();
  return {
    real: false,
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

/** The real clock: race tests run on it, since a frozen clock serialises time and hides the races they look for. */
export function createRealClock(): TestClock {
  const refuse = () => {
    throw new Error('This harness runs on the real clock: it cannot be moved (freeze time for date logic, never for races)');
  };
  return { real: true, now: () => new Date(), advance: refuse, set: refuse };
}

/** A new site with random slug and the test origins. */
export function createTestSite(store: RapportStore, overrides: Partial<CreateSiteOptions> = {}): Promise<CreatedSite> {
  return store.transaction((tx) =>
    createSite(tx, {
      slug: `test-${randomAlphanumeric(10).toLowerCase()}`,
      name: 'Test Shop',
      allowedOrigins: TEST_ORIGINS,
      ...overrides,
    }),
  );
}

/** Options of one request made through {@link Harness.call}. */
export interface CallOptions {
  method?: string;
  /** Publishable key header; defaults to the site's key when `site` is given. */
  site?: CreatedSite;
  publishableKey?: string | null;
  /** `Authorization: Bearer <token>`. */
  bearer?: string;
  origin?: string;
  /** JSON-encoded (unless a string) with Content-Type application/json. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** An app over a fresh test store, with helpers. */
export interface Harness {
  testStore: TestStore;
  store: RapportStore;
  clock: TestClock;
  app: Hono<AppEnv>;
  /** Makes another app over the same store (e.g. with different options). */
  makeApp(options?: Omit<CreateAppOptions, 'store'>): Hono<AppEnv>;
  call(path: string, options?: CallOptions, app?: Hono<AppEnv>): Promise<Response>;
  /** A known visitor token for `site`, signed at the test clock's time. */
  tokenFor(site: CreatedSite, externalId: string, extra?: { name?: string; email?: string; expiresInSeconds?: number }): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Builds a {@link Harness}: store (per `RAPPORT_TEST_STORE`), a test clock (`clock` replaces it: race tests pass
 * the real one through `createRaceHarness`), silent logger, rate limits off.
 */
export async function createHarness(options: Omit<CreateAppOptions, 'store'> = {}, clock: TestClock = createTestClock()): Promise<Harness> {
  const testStore = await createTestStore();
  const makeApp = (more: Omit<CreateAppOptions, 'store'> = {}) =>
    createApp({ store: testStore.store, clock: clock.now, logger: createSilentLogger(), rateLimit: false, ...options, ...more });
  const app = makeApp();
  return {
    testStore,
    store: testStore.store,
    clock,
    app,
    makeApp,
    call(path, call = {}, target = app) {
      const headers = new Headers(call.headers);
      const key = call.publishableKey === undefined ? call.site?.publishableKey : call.publishableKey;
      if (key) headers.set(RAPPORT_HEADERS.publishableKey, key);
      if (call.bearer) headers.set('authorization', `Bearer ${call.bearer}`);
      if (call.origin) headers.set('origin', call.origin);
      let body: string | undefined;
      if (call.body !== undefined) {
        body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
      return Promise.resolve(target.request(path, { method: call.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) }));
    },
    tokenFor: (site, externalId, extra = {}) =>
      signVisitorToken({ secret: site.identitySecret, externalId, siteId: site.site.id, now: clock.now(), ...extra }),
    dispose: () => testStore.dispose(),
  };
}

/** Reads an error response, checking it has exactly the envelope's shape and the response's request id. */
export async function readError(response: Response): Promise<ErrorEnvelope['error']> {
  const envelope = ErrorEnvelopeSchema.parse(await response.json());
  if (envelope.error.requestId !== response.headers.get(RAPPORT_HEADERS.requestId)) {
    throw new Error('The envelope requestId differs from the x-request-id header');
  }
  return envelope.error;
}
