import { RapportError } from '../errors/RapportError.js';

/** Waits `ms` milliseconds, or rejects with an `aborted` {@link RapportError} when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    // An already-aborted signal never fires `abort` again: settle at once.
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error every aborted call rejects with. */
export function abortedError(signal?: AbortSignal): RapportError {
  return new RapportError('The request was aborted', { code: 'aborted', cause: signal?.reason });
}
