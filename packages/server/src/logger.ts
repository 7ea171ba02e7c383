/** Where the server reports what happened. Fields are plain data (an `error` field may hold an Error). */
export interface RapportLogger {
  /** Something worth knowing: the server started, a site was seeded. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something went wrong on the server's side (every 500 is reported here). */
  error(message: string, fields?: Record<string, unknown>): void;
}

function serialise(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  const plain = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value,
    ]),
  );
  return ` ${JSON.stringify(plain)}`;
}

/** A logger writing one line per event to the console (`info` to stdout, `error` to stderr). */
export function createConsoleLogger(): RapportLogger {
  return {
    info: (message, fields) => console.log(`[rapport] ${message}${serialise(fields)}`),
    error: (message, fields) => console.error(`[rapport] ${message}${serialise(fields)}`),
  };
}

/** A logger that drops everything (tests). */
export function createSilentLogger(): RapportLogger {
  return { info: () => undefined, error: () => undefined };
}
