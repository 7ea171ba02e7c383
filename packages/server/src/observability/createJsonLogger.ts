import { pino, type DestinationStream } from 'pino';
import type { RapportLogger } from '../logger.js';

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Where the lines go (anything with `write(line)`). Default: `process.stdout`. */
  destination?: DestinationStream;
  /** Lowest level written: `'info'` writes everything, `'error'` only errors, `'silent'` nothing. Default: `'info'`. */
  level?: 'info' | 'error' | 'silent';
  /** Fields written on every line. Default: `{ service: 'rapport-server' }`. */
  base?: Record<string, unknown>;
}

/**
 * Field names whose values are replaced by `[redacted]` wherever they appear (top level or one level down), so a
 * careless `logger.info('…', { headers })` cannot put a credential in the logs.
 */
const SECRET_FIELDS = ['authorization', 'cookie', 'token', 'secretKey', 'identitySecret', 'password', 'apiKey'];

/**
 * A {@link RapportLogger} writing one JSON object per line with pino: `{"level":"info","time":"…","msg":"…",…}`.
 * An `error` field holding an Error is written as `{ type, message, stack }`. This is the server's default logger.
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): RapportLogger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? { service: 'rapport-server' },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err },
      redact: { paths: SECRET_FIELDS.flatMap((name) => [name, `*.${name}`]), censor: '[redacted]' },
    },
    // process.stdout rather than pino's own file-descriptor stream: no exit handlers per logger, so an app per
    // test (hundreds in one process) costs nothing.
    options.destination ?? process.stdout,
  );
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
