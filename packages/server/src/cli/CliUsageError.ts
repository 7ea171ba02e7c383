/** A command line the CLI cannot run: an unknown command or flag, a missing or bad value. Exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  /** Stable code, for scripts and tests. */
  readonly code = 'usage';
}
