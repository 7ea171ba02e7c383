import type { ServerErrorCode } from '../schemas/constants.js';
import type { ValidationIssue } from '../schemas/error.js';

/**
 * Why a Rapport call failed:
 * - `network`: the request never got an HTTP answer (offline, DNS, CORS refusal, connection reset);
 * - `http`: an HTTP error without a Rapport error envelope (a proxy's 502 page, say);
 * - `validation`: a response that does not match the contract, or input the client refused to send;
 * - `aborted`: the caller's `AbortSignal` fired;
 * - any server code from the error envelope (`validation_failed`, `unauthorized`, `rate_limited`, …).
 */
export type RapportErrorCode = 'network' | 'http' | 'validation' | 'aborted' | ServerErrorCode | (string & {});

/** Fields of a {@link RapportError} besides its message. */
export interface RapportErrorInit {
  /** What went wrong; switch on this. */
  code: RapportErrorCode;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Field-level problems (server validation or response validation). */
  issues?: ValidationIssue[];
  /** The server's id for the request, to quote to support. */
  requestId?: string;
  /** Seconds the server asked us to wait (`Retry-After`), when it did. */
  retryAfterSeconds?: number;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Every failure of the Rapport client is one of these, with a `code` to switch on. */
export class RapportError extends Error {
  override readonly name = 'RapportError';
  readonly code: RapportErrorCode;
  readonly status: number | undefined;
  readonly issues: ValidationIssue[] | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, init: RapportErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.issues = init.issues;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** True when `value` is a {@link RapportError} (optionally with the given code). */
export function isRapportError(value: unknown, code?: RapportErrorCode): value is RapportError {
  return value instanceof RapportError && (code === undefined || value.code === code);
}
