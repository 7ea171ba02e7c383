import { parseArgs } from 'node:util';
import { DEFAULT_DEV_ORIGINS } from './seed/seedDemoSite.js';

/** What the `rapport-server` command line asks for. */
export interface CliOptions {
  help: boolean;
  dataDir: string;
  port: number;
  host: string;
  allowedOrigins: string[];
  databaseUrl: string | undefined;
  publishableKey: string | undefined;
  secretKey: string | undefined;
  identitySecret: string | undefined;
}

/** Usage text of `rapport-server --help`. */
export const CLI_USAGE = `Usage: rapport-server [options]

Starts the Rapport API: runs migrations, seeds the demo site and prints its keys.

Options:
  --data-dir <dir>         PGlite data directory (default: ./.rapport-data)
  --port <port>            TCP port, 0 for any free port (default: 8787)
  --host <host>            Interface to listen on (default: 127.0.0.1)
  --allowed-origin <url>   Origin the demo publishable key allows; repeatable
                           (default: http://localhost:5173 and http://127.0.0.1:5173)
  -h, --help               Show this help

Environment:
  DATABASE_URL             Use this PostgreSQL database instead of PGlite
  RAPPORT_PUBLISHABLE_KEY  Fixed publishable key for the demo site
  RAPPORT_SECRET_KEY       Fixed secret key for the demo site
  RAPPORT_IDENTITY_SECRET  Fixed identity secret for the demo site
`;

/** Parses `rapport-server` arguments and environment; throws a readable error on bad input. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined>): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      'data-dir': { type: 'string', default: './.rapport-data' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'allowed-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  const origins = values['allowed-origin'] ?? [...DEFAULT_DEV_ORIGINS];
  for (const origin of origins) {
    if (!/^https?:\/\/(?:\*\.)?[^/\s]+$/.test(origin)) {
      throw new Error(`--allowed-origin must be an origin like https://shop.example.com, not "${origin}"`);
    }
  }
  return {
    help: values.help,
    dataDir: values['data-dir'],
    port,
    host: values.host,
    allowedOrigins: origins,
    databaseUrl: env.DATABASE_URL || undefined,
    publishableKey: env.RAPPORT_PUBLISHABLE_KEY || undefined,
    secretKey: env.RAPPORT_SECRET_KEY || undefined,
    identitySecret: env.RAPPORT_IDENTITY_SECRET || undefined,
  };
}
