import type * as z from 'zod/mini';

/** An HTTP method of the admin API. */
export type AdminHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Whether a call may be sent again after a network error, a 429 or a 5xx:
 * - `read`: a `GET`;
 * - `key`: the route stores its answer per `Idempotency-Key`, so a repeat with the same key replays it;
 * - `natural`: the request carries its own identity (an order id, an adjustment key, a full replacement by `PUT`),
 *   so a repeat changes nothing more;
 * - `once`: none of these, so it is sent once (a retry could, say, mint a second key).
 */
export type RetrySafety = 'read' | 'key' | 'natural' | 'once';

/** One operation of the admin API, as the OpenAPI document names it. */
export interface AdminOperation<R extends z.ZodMiniType = z.ZodMiniType> {
  /** The OpenAPI operation id. */
  readonly operationId: string;
  readonly method: AdminHttpMethod;
  /** OpenAPI-style path with `{name}` parameters. */
  readonly path: string;
  /** The schema every successful answer is checked against. */
  readonly response: R;
  /** Schema the JSON body is checked against before sending. */
  readonly body?: z.ZodMiniType;
  /** Schema the query string is checked against before sending. */
  readonly query?: z.ZodMiniType;
  readonly retry: RetrySafety;
}

/** What an operation answers. */
export type OperationResult<O extends AdminOperation> = z.output<O['response']>;

/** Declares an operation (keeps its exact types). */
export function operation<const O extends AdminOperation>(spec: O): O {
  return spec;
}

/**
 * A query as a caller writes it: the contract's string fields, with numbers for `limit` and booleans for
 * `'true' | 'false'` flags.
 */
export type QueryInput<S extends z.ZodMiniType> = {
  [K in keyof z.input<S>]?: K extends 'limit'
    ? z.input<S>[K] | number
    : Exclude<z.input<S>[K], undefined> extends 'true' | 'false'
      ? z.input<S>[K] | boolean
      : z.input<S>[K];
};

/** Options of every admin call. */
export interface AdminCallOptions {
  /** Cancels the call, its retries and the waits between them. Default: none. */
  signal?: AbortSignal;
  /** Extra headers for this call. Default: none. */
  headers?: Record<string, string>;
}

/** Options of an admin write. */
export interface AdminWriteOptions extends AdminCallOptions {
  /**
   * `Idempotency-Key` of this write, kept across its retries. Pass your own (an order id, a job id) to make a
   * repeat of the same logical write, even from another process, answer with the first one's result. Default: the
   * order id for awards, a new random key per call otherwise.
   */
  idempotencyKey?: string;
}

/** A domain's methods: one calling each operation of its table (same name), and any iterators besides. */
export type MethodsFor<T> = Record<keyof T, (...args: never[]) => Promise<unknown>> & Record<string, unknown>;
