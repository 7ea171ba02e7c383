import type * as z from 'zod/mini';
import type { VisitorIdentity } from '../auth/VisitorIdentity.js';
import type { IsolationLevel } from '../store/Store.js';
import type {
  AdminRouteContext,
  HeaderSpec,
  HttpMethod,
  ResponseSpec,
  RouteAuth,
  RouteContext,
  RouteDefinition,
  RouteResult,
  RouteSchema,
  VisitorRouteContext,
} from './RouteDefinition.js';

/** Who may call a route: anyone, a browser with a publishable key (and a visitor token), or a secret key. */
export type RouteAudience = 'public' | 'visitor' | 'admin';

/** Whether a visitor route needs a visitor token. */
export type TokenRequirement = 'required' | 'optional';

type Parsed<S> = S extends RouteSchema ? z.output<S> : undefined;

/** The handler context of a route of audience `A`. */
export type HandlerContext<A extends RouteAudience, T extends TokenRequirement, B, Q, P> = A extends 'admin'
  ? AdminRouteContext<B, Q, P>
  : A extends 'visitor'
    ? VisitorRouteContext<B, Q, P, T extends 'required' ? VisitorIdentity : VisitorIdentity | null>
    : RouteContext<B, Q, P>;

/** Options of {@link defineRoute}. */
export interface RouteSpec<
  A extends RouteAudience,
  T extends TokenRequirement,
  B extends RouteSchema | undefined,
  Q extends RouteSchema | undefined,
  P extends RouteSchema | undefined,
> {
  /**
   * Who may call it. `public`: anyone, no credentials (links in emails). `visitor`: a browser, with a publishable
   * key (its origin allowlist enforced) and a visitor token. `admin`: the business's server, with a secret key.
   */
  auth: A;
  /** For `visitor` routes: whether the visitor token is `required` or `optional`. Default: `'required'`. */
  token?: T;
  /** The HTTP method it answers. */
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/v1/admin/contacts/{externalId}`: one of `API_PATHS` (`routes/apiPaths.ts`). */
  path: string;
  /** The OpenAPI operation id: unique, stable, the name generated clients call it by. */
  operationId: string;
  /** One line for the OpenAPI document. */
  summary: string;
  /** Longer text for the OpenAPI document. Default: none. */
  description?: string;
  /** OpenAPI tags: the audience (`visitor`, `admin`, `public`) and the domain; `meta` for the API itself. */
  tags: string[];
  /** Schema of the path parameters. Default: none. */
  params?: P;
  /** Schema of the query string. Default: none (any query parameter is refused). */
  query?: Q;
  /** Schema of the JSON body. Default: none (no body read). */
  body?: B;
  /** Request headers the route reads, for the OpenAPI document. Default: none. */
  headers?: HeaderSpec[];
  /**
   * Honour `Idempotency-Key`: the handler runs in a transaction that also records the key. Not for `public` routes
   * (they have no site to keep the key in). Default: `false`.
   */
  idempotent?: boolean;
  /** Isolation of the request's transaction. Default: read committed. */
  isolation?: IsolationLevel;
  /** Every status the handler may answer with, and its body's schema: an undeclared one is a 500. */
  responses: Record<number, ResponseSpec>;
  /** Answers the request; it receives what `auth` established and the parsed path parameters, query and body. */
  handle(ctx: HandlerContext<A, T, Parsed<B>, Parsed<Q>, Parsed<P>>): Promise<RouteResult>;
}

function routeAuth(audience: RouteAudience, token: TokenRequirement | undefined): RouteAuth {
  return audience === 'visitor' ? { kind: 'visitor', token: token ?? 'required' } : { kind: audience };
}

/**
 * Defines a route: its contract (path, schemas, responses: what is mounted and documented) and its handler, which
 * receives the parsed request and what `auth` established (the site, the visitor or the secret key).
 */
export function defineRoute<
  A extends RouteAudience,
  T extends TokenRequirement = 'required',
  B extends RouteSchema | undefined = undefined,
  Q extends RouteSchema | undefined = undefined,
  P extends RouteSchema | undefined = undefined,
>(spec: RouteSpec<A, T, B, Q, P>): RouteDefinition {
  const { auth, token, handle, idempotent, ...rest } = spec;
  return {
    ...(rest as Omit<RouteDefinition, 'auth' | 'idempotent' | 'handle'>),
    auth: routeAuth(auth, token),
    idempotent: auth !== 'public' && (idempotent ?? false),
    handle: (ctx) => handle(ctx as never),
  };
}
