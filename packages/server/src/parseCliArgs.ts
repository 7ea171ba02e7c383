import { parseArgs } from 'node:util';
import { CLI_USAGE } from './cli/cliUsage.js';
import { CliUsageError } from './cli/CliUsageError.js';
import { normalizeOriginFlag } from './cli/normalizeOriginFlag.js';
import { MANAGE_COMMANDS, parseManageArgs, type ManageCommand, type ParsedManageCommand } from './cli/parseManageArgs.js';
import { storeLocation, type StoreLocation } from './cli/storeLocation.js';

export { CLI_USAGE, CliUsageError };
export type { ManageCommand, StoreLocation };

/** What `rapport-server [serve]` is asked to do. */
export interface ServeOptions extends StoreLocation {
  /** TCP port, 0 for any free one (flag `--port`, env `PORT`). Default: 8787. */
  port: number;
  /** Interface to listen on (flag `--host`, env `HOST`). Default: `127.0.0.1`. */
  host: string;
  /** Seed the demo site (flag `--demo`, env `RAPPORT_DEMO=1`). Default: false. */
  demo: boolean;
  /** With `demo`: origins the demo's publishable key allows (`--allowed-origin`). Default: none given. */
  allowedOrigins: string[] | undefined;
  /** With `demo`: a fixed publishable key (env `RAPPORT_PUBLISHABLE_KEY`). Default: none. */
  publishableKey: string | undefined;
  /** With `demo`: a fixed secret key (env `RAPPORT_SECRET_KEY`). Default: none. */
  secretKey: string | undefined;
  /** With `demo`: a fixed identity secret (env `RAPPORT_IDENTITY_SECRET`). Default: none. */
  identitySecret: string | undefined;
  /**
   * The webhook development allowance: endpoints on `http://`, loopback and private addresses are accepted (flag
   * `--webhooks-allow-private`, env `RAPPORT_WEBHOOKS_ALLOW_PRIVATE=1`). Default: false.
   */
  webhooksAllowPrivate: boolean;
}

/** One command line, parsed. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'serve'; options: ServeOptions }
  | ParsedManageCommand;

/** `PORT` or `--port`: a whole number from 0 to 65535. */
function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new CliUsageError(`${source} must be a number from 0 to 65535, not "${text}"`);
  return port;
}

function parseBooleanEnv(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '' || value === '0' || value.toLowerCase() === 'false') return false;
  if (value === '1' || value.toLowerCase() === 'true') return true;
  throw new CliUsageError(`${name} must be 1 or 0 (true or false), not "${value}"`);
}

function parseServe(argv: readonly string[], env: Record<string, string | undefined>): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean' },
      'allowed-origin': { type: 'string', multiple: true },
      'webhooks-allow-private': { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { kind: 'help' };
  const demo = values.demo ?? parseBooleanEnv(env.RAPPORT_DEMO, 'RAPPORT_DEMO');
  const origins = values['allowed-origin'];
  if (origins && !demo) {
    throw new CliUsageError('--allowed-origin only applies to the demo site (with --demo); allow origins of your own site with "origin add"');
  }
  const port = values.port !== undefined ? parsePort(values.port, '--port') : env.PORT ? parsePort(env.PORT, 'PORT') : 8787;
  return {
    kind: 'serve',
    options: {
      ...storeLocation(values['data-dir'], env),
      port,
      host: values.host ?? (env.HOST || '127.0.0.1'),
      demo,
      allowedOrigins: origins?.map((origin) => normalizeOriginFlag(origin, '--allowed-origin')),
      publishableKey: (demo && env.RAPPORT_PUBLISHABLE_KEY) || undefined,
      secretKey: (demo && env.RAPPORT_SECRET_KEY) || undefined,
      identitySecret: (demo && env.RAPPORT_IDENTITY_SECRET) || undefined,
      webhooksAllowPrivate:
        values['webhooks-allow-private'] ?? parseBooleanEnv(env.RAPPORT_WEBHOOKS_ALLOW_PRIVATE, 'RAPPORT_WEBHOOKS_ALLOW_PRIVATE'),
    },
  };
}

/**
 * Parses a `rapport-server` command line and environment: `serve` (the default, also with no command), `help`,
 * or a management command (`site`, `key`, `origin`, `identity-secret`). Throws {@link CliUsageError} on bad input
 * (an unknown command or flag, a missing value, an origin that is not one).
 */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined>): CliCommand {
  const [first, second] = argv;
  try {
    if (first === undefined || first.startsWith('-')) return parseServe(argv, env);
    if (first === 'serve') return parseServe(argv.slice(1), env);
    if (first === 'help') return { kind: 'help' };
    const actions: readonly string[] | undefined = Object.hasOwn(MANAGE_COMMANDS, first)
      ? MANAGE_COMMANDS[first as keyof typeof MANAGE_COMMANDS]
      : undefined;
    if (!actions) {
      throw new CliUsageError(`unknown command "${first}": use serve, ${Object.keys(MANAGE_COMMANDS).join(', ')} or --help`);
    }
    if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
    if (second === undefined || !actions.includes(second)) {
      const known = actions.map((action) => `"${first} ${action}"`).join(', ');
      throw new CliUsageError(second === undefined ? `"${first}" needs a command: ${known}` : `unknown command "${first} ${second}": use ${known}`);
    }
    return parseManageArgs(`${first} ${second}`, argv.slice(2), env);
  } catch (error) {
    // node:util's own refusals (unknown option, missing value) are usage errors too.
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new CliUsageError(error.message);
    }
    throw error;
  }
}
