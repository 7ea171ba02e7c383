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
  // Declared, not initialised: the constructor copies them from `init`, which costs the browser fewer bytes than
  // class fields; one left out of `init` reads `undefined` all the same.
  declare readonly code: RapportErrorCode;
  declare readonly status: number | undefined;
  declare readonly issues: ValidationIssue[] | undefined;
  declare readonly requestId: string | undefined;
  declare readonly retryAfterSeconds: number | undefined;

  constructor(message: string, { cause, ...fields }: RapportErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }
}

/** True when `value` is a {@link RapportError} (optionally with the given code). */
export function isRapportError(value: unknown, code?: RapportErrorCode): value is RapportError {
  return value instanceof RapportError && (code === undefined || value.code === code);
}
