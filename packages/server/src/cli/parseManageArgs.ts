import { parseArgs } from 'node:util';
import { CliUsageError } from './CliUsageError.js';
import { normalizeOriginFlag } from './normalizeOriginFlag.js';
import { parseDuration } from './parseDuration.js';
import { storeLocation, type StoreLocation } from './storeLocation.js';

/** The management commands, by group. */
export const MANAGE_COMMANDS = {
  site: ['create', 'list'],
  key: ['list', 'create', 'revoke'],
  origin: ['add', 'remove'],
  'identity-secret': ['rotate'],
} as const;

/** Grace period of `identity-secret rotate` unless `--grace` says otherwise. */
export const DEFAULT_GRACE_FLAG = '7d';

/** One management command, parsed and checked (origins normalised). */
export type ManageCommand =
  | { action: 'site create'; name: string; slug: string | undefined; origins: string[]; locale: string | undefined }
  | { action: 'site list' }
  | { action: 'key list'; site: string }
  | { action: 'key create'; site: string; type: 'publishable' | 'secret'; origins: string[] | undefined }
  | { action: 'key revoke'; site: string; key: string }
  | { action: 'origin add' | 'origin remove'; site: string; key: string | undefined; origins: string[] }
  | { action: 'identity-secret rotate'; site: string; graceMs: number };

/** A management command with where it runs and how it reports. */
export interface ParsedManageCommand {
  kind: 'manage';
  store: StoreLocation;
  /** Print the result as JSON (`--json`). Default: false. */
  json: boolean;
  command: ManageCommand;
}

const FLAGS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  name: { type: 'string' },
  slug: { type: 'string' },
  locale: { type: 'string' },
  origin: { type: 'string', multiple: true },
  site: { type: 'string' },
  type: { type: 'string' },
  key: { type: 'string' },
  grace: { type: 'string' },
} as const;

type Flag = keyof typeof FLAGS;

/** The flags (besides `--data-dir` and `--json`) each command takes, and whether it takes arguments. */
const SYNTAX: Record<ManageCommand['action'], { flags: readonly Flag[]; positionals: boolean }> = {
  'site create': { flags: ['name', 'slug', 'locale', 'origin'], positionals: false },
  'site list': { flags: [], positionals: false },
  'key list': { flags: ['site'], positionals: false },
  'key create': { flags: ['site', 'type', 'origin'], positionals: false },
  'key revoke': { flags: ['site'], positionals: true },
  'origin add': { flags: ['site', 'key', 'origin'], positionals: true },
  'origin remove': { flags: ['site', 'key', 'origin'], positionals: true },
  'identity-secret rotate': { flags: ['site', 'grace'], positionals: false },
};

function isAction(name: string): name is ManageCommand['action'] {
  return Object.hasOwn(SYNTAX, name);
}

function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value.trim() === '') throw new CliUsageError(`${flag} is required: ${what}`);
  return value.trim();
}

type Values = ReturnType<typeof readFlags>['values'];

function readFlags(action: ManageCommand['action'], argv: readonly string[]) {
  const parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: FLAGS });
  const syntax = SYNTAX[action];
  for (const flag of Object.keys(parsed.values)) {
    if (flag !== 'data-dir' && flag !== 'json' && !syntax.flags.includes(flag as Flag)) {
      throw new CliUsageError(`"${action}" takes no --${flag}`);
    }
  }
  if (!syntax.positionals && parsed.positionals.length > 0) {
    throw new CliUsageError(`"${action}" takes no argument "${parsed.positionals[0]}"`);
  }
  return parsed;
}

function parseAction(action: ManageCommand['action'], values: Values, positionals: string[]): ManageCommand {
  const site = () => required(values.site, '--site', 'a site id or slug');
  const origins = (from: string[], flag: string) => from.map((origin) => normalizeOriginFlag(origin, flag));
  switch (action) {
    case 'site create':
      return {
        action,
        name: required(values.name, '--name', 'the business’s name as visitors see it'),
        slug: values.slug,
        origins: origins(values.origin ?? [], '--origin'),
        locale: values.locale,
      };
    case 'site list':
      return { action };
    case 'key list':
      return { action, site: site() };
    case 'key create': {
      const type = required(values.type, '--type', 'publishable or secret');
      if (type !== 'publishable' && type !== 'secret') throw new CliUsageError(`--type must be publishable or secret, not "${type}"`);
      if (type === 'secret' && values.origin) throw new CliUsageError('--origin applies to publishable keys only');
      return { action, site: site(), type, origins: values.origin ? origins(values.origin, '--origin') : undefined };
    }
    case 'key revoke': {
      const [key, ...extra] = positionals;
      if (key === undefined || extra.length > 0) {
        throw new CliUsageError('key revoke takes one key: a publishable key (pk_live_…), a secret key id (skey_…) or the secret key');
      }
      if (!/^(pk_|sk_|skey_)/.test(key)) throw new CliUsageError(`"${key.slice(0, 20)}" is not a key: give pk_live_…, skey_… or sk_live_…`);
      return { action, site: site(), key };
    }
    case 'origin add':
    case 'origin remove': {
      const given = [...positionals, ...(values.origin ?? [])];
      if (given.length === 0) throw new CliUsageError(`${action} needs at least one origin, e.g. https://shop.example.com`);
      if (values.key !== undefined && !values.key.startsWith('pk_')) {
        throw new CliUsageError(`--key must be a publishable key (pk_live_…), not "${values.key.slice(0, 20)}"`);
      }
      return { action, site: site(), key: values.key, origins: origins(given, 'origin') };
    }
    case 'identity-secret rotate': {
      const graceMs = parseDuration(values.grace ?? DEFAULT_GRACE_FLAG, '--grace');
      if (graceMs > 90 * 86_400_000) throw new CliUsageError('--grace must be at most 90d');
      return { action, site: site(), graceMs };
    }
  }
}

/** Parses the flags of a management command (`name` is e.g. `'site create'`); throws {@link CliUsageError} on bad input. */
export function parseManageArgs(name: string, argv: readonly string[], env: Record<string, string | undefined>): ParsedManageCommand {
  if (!isAction(name)) throw new CliUsageError(`unknown command "${name}"`);
  const { values, positionals } = readFlags(name, argv);
  return { kind: 'manage', store: storeLocation(values['data-dir'], env), json: values.json === true, command: parseAction(name, values, positionals) };
}
