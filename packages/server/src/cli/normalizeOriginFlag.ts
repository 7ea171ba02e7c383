import { normalizeOrigin } from '../sites/normalizeOrigin.js';
import { CliUsageError } from './CliUsageError.js';

/** {@link normalizeOrigin}, its refusal worded for the flag or argument the origin came from. */
export function normalizeOriginFlag(origin: string, flag: string): string {
  try {
    return normalizeOrigin(origin);
  } catch (error) {
    throw new CliUsageError(`${flag}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
