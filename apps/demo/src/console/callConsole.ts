import { RapportError } from '@rapport/core';
import type { ErrorEnvelope, LedgerWriteResult } from '@rapport/core';
import type { ConsoleArgs, ConsoleDomain, ConsoleMethod, ConsoleResult } from './consoleOperations.js';

/** The error envelope's `error`, when a body has one. */
function envelopeError(body: unknown): ErrorEnvelope['error'] | null {
  const error = (body as Partial<ErrorEnvelope> | null)?.error;
  return error && typeof error === 'object' && typeof error.code === 'string' && typeof error.message === 'string' ? error : null;
}

async function send(domain: string, method: string, args: readonly unknown[]): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(`/demo-api/console/${domain}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  } catch (cause) {
    throw new RapportError('The console could not reach the server', { code: 'network', cause });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = envelopeError(body);
    const { status } = response;
    if (!error) throw new RapportError(`The demo server answered ${status}`, { code: 'http', status });
    throw new RapportError(error.message, { code: error.code, status, issues: error.issues, requestId: error.requestId });
  }
  return { status: response.status, body };
}

/**
 * Calls one allow-listed `@rapport/node` admin method on the demo server (`POST /demo-api/console/{domain}/{method}`
 * with the arguments as a JSON array), which holds the secret key: the key never reaches the browser. The types are
 * the SDK's own, and the server checked the answer against the contract before sending it. Failures are
 * `RapportError`s with the code and request id of Rapport's error envelope.
 */
export async function callConsole<D extends ConsoleDomain, M extends ConsoleMethod<D>>(
  domain: D,
  method: M,
  ...args: ConsoleArgs<D, M>
): Promise<ConsoleResult<D, M>> {
  return (await send(domain, String(method), args)).body as ConsoleResult<D, M>;
}

/** A ledger write's answer; `replayed` when the key was used before and the original entry came back (200, not 201). */
export interface LedgerWrite extends LedgerWriteResult {
  replayed: boolean;
}

/** Awards, reverses or adjusts points through the console, telling a replay from a new entry. */
export async function writeLedger<M extends 'award' | 'reverse' | 'adjust'>(method: M, ...args: ConsoleArgs<'loyalty', M>): Promise<LedgerWrite> {
  const { status, body } = await send('loyalty', method, args);
  return { ...(body as LedgerWriteResult), replayed: status === 200 };
}
