import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import type { SiteRecord } from '../sites/siteQueries.js';
import type { IsolationLevel, SqlExecutor } from '../store/Store.js';
import type { AppEnv } from './AppEnv.js';
import type { AppRuntime } from './AppRuntime.js';

/** HTTP methods routes are mounted on. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A zod schema of a route's path parameters, query or body. */
export type RouteSchema = z.ZodMiniType;

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  /** Schema of the JSON body; the server validates what it sends against it. Default: none (any JSON object). */
  schema?: RouteSchema;
}

/** A request header a route reads, for the OpenAPI document. */
export interface HeaderSpec {
  name: string;
  description: string;
  /** Whether the request must send it. Default: `false`. */
  required?: boolean;
}

/** What a handler answers with. */
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /**
   * The body already serialized and checked against its schema, with its entity tag (a cached answer): sent as is,
   * not checked again. Default: none (`body` is checked and serialized).
   */
  serialized?: { json: string; etag: string };
}

/** How a route authenticates, as the mount code and the OpenAPI builder see it. */
export type RouteAuth =
  | { kind: 'visitor'; token: 'required' | 'optional' }
  | { kind: 'admin' }
  | { kind: 'public' };

/** What every handler receives. */
export interface RouteContext<B, Q, P> {
  c: Context<AppEnv>;
  runtime: AppRuntime;
  requestId: string;
  /**
   * When the request arrived, from the app's clock. Use it for what does not depend on other writers (token
   * expiry, a response's timestamps); never for a decision made after waiting for a lock.
   */
  now: Date;
  /**
   * The app's clock. A decision guarded by a lock (a balance, a cooldown, a chain of events) reads the time from
   * here after taking that lock: a request that waited for it must see the writes committed ahead of it.
   */
  clock: () => Date;
  body: B;
  query: Q;
  params: P;
  /** Run single statements here. Inside an idempotent request this is the request's transaction. */
  db: SqlExecutor;
  /** Run several statements atomically. Inside an idempotent request it joins the request's transaction. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Handler context of a visitor route: the key's site and the visitor (`null` without a token, when optional). */
export interface VisitorRouteContext<B, Q, P, V> extends RouteContext<B, Q, P> {
  site: SiteRecord;
  visitor: V;
}

/** Handler context of an admin route. */
export interface AdminRouteContext<B, Q, P> extends RouteContext<B, Q, P> {
  site: SiteRecord;
  /** Id of the secret key the request used. */
  secretKeyId: string;
}

/** Runtime context with every optional part, as the mount code builds it. */
export interface AnyRouteContext extends RouteContext<unknown, unknown, unknown> {
  site?: SiteRecord;
  visitor?: VisitorIdentity | null;
  secretKeyId?: string;
}

/** A route with its types erased, as the registry, the mount code and the OpenAPI builder see it. */
export interface RouteDefinition {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/v1/admin/contacts/{externalId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: RouteAuth;
  params?: RouteSchema;
  query?: RouteSchema;
  body?: RouteSchema;
  headers?: HeaderSpec[];
  /** Honours `Idempotency-Key`. */
  idempotent: boolean;
  /** Isolation of the request's transaction. */
  isolation?: IsolationLevel;
  responses: Record<number, ResponseSpec>;
  handle(ctx: AnyRouteContext): Promise<RouteResult>;
}
