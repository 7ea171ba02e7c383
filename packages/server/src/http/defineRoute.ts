import type { VisitorTokenClaims } from '@rapport/core';
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { SiteRecord } from '../sites/siteQueries.js';
import type { IsolationLevel, SqlExecutor } from '../store/Store.js';
import type { AppEnv, AppRuntime } from './AppEnv.js';

/** HTTP methods routes are mounted on. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Schema = z.ZodMiniType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  /** Schema of the JSON body; the server validates what it sends against it. */
  schema?: Schema;
}

/** A request header a route reads, for the OpenAPI document. */
export interface HeaderSpec {
  name: string;
  description: string;
  required?: boolean;
}

/** What a handler answers with. */
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The visitor a verified token identifies. */
export interface VisitorIdentity {
  /** `known` for a business-signed token, `anonymous` for the server's own anonymous token. */
  kind: 'known' | 'anonymous';
  /** The token's `sub`: the external id, or the anonymous id. */
  subject: string;
  claims: VisitorTokenClaims;
}

/** How a route authenticates. */
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

/** Handler context of a visitor route. */
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

interface RouteSpec<B, Q, P> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/v1/admin/contacts/{externalId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  headers?: HeaderSpec[];
  /** Honour `Idempotency-Key`: the handler runs in a transaction that also records the key. */
  idempotent?: boolean;
  /** Isolation of the request's transaction. Default: read committed. */
  isolation?: IsolationLevel;
  responses: Record<number, ResponseSpec>;
}

/** Runtime context with every optional part, as the mount code builds it. */
export interface AnyRouteContext extends RouteContext<unknown, unknown, unknown> {
  site?: SiteRecord;
  visitor?: VisitorIdentity | null;
  secretKeyId?: string;
}

/** A route with its types erased, as the registry, the mount code and the OpenAPI builder see it. */
export interface RouteDefinition extends Omit<RouteSpec<Schema, Schema, Schema>, 'idempotent'> {
  auth: RouteAuth;
  idempotent: boolean;
  handle(ctx: AnyRouteContext): Promise<RouteResult>;
}

/** A browser route: publishable key + origin check, and a visitor token (`required` or `optional`). */
export function defineVisitorRoute<
  T extends 'required' | 'optional',
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: RouteSpec<B, Q, P> & {
    token: T;
    handle(
      ctx: VisitorRouteContext<Parsed<B>, Parsed<Q>, Parsed<P>, T extends 'required' ? VisitorIdentity : VisitorIdentity | null>,
    ): Promise<RouteResult>;
  },
): RouteDefinition {
  const { token, handle, ...rest } = spec;
  return {
    ...(rest as RouteSpec<Schema, Schema, Schema>),
    idempotent: rest.idempotent ?? false,
    auth: { kind: 'visitor', token },
    handle: (ctx) => handle(ctx as never),
  };
}

/** A server-to-server route authenticated with a secret key. */
export function defineAdminRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: RouteSpec<B, Q, P> & { handle(ctx: AdminRouteContext<Parsed<B>, Parsed<Q>, Parsed<P>>): Promise<RouteResult> },
): RouteDefinition {
  const { handle, ...rest } = spec;
  return {
    ...(rest as RouteSpec<Schema, Schema, Schema>),
    idempotent: rest.idempotent ?? false,
    auth: { kind: 'admin' },
    handle: (ctx) => handle(ctx as never),
  };
}

/** A route anyone may call (no credentials): links in emails, for example. */
export function definePublicRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: RouteSpec<B, Q, P> & { handle(ctx: RouteContext<Parsed<B>, Parsed<Q>, Parsed<P>>): Promise<RouteResult> },
): RouteDefinition {
  const { handle, ...rest } = spec;
  return {
    ...(rest as RouteSpec<Schema, Schema, Schema>),
    idempotent: false,
    auth: { kind: 'public' },
    handle: (ctx) => handle(ctx as never),
  };
}

/** `/v1/contacts/{id}` → `/v1/contacts/:id`. */
export function toHonoPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
}
