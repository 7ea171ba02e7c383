import { describe, expect, it } from 'vitest';
import { parseDuration } from './cli/parseDuration.js';
import { CLI_USAGE, CliUsageError, parseCliArgs } from './parseCliArgs.js';

const refusal = (argv: string[], env: Record<string, string> = {}) => {
  try {
    parseCliArgs(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('parseCliArgs: serve', () => {
  it('serves by default, with the documented defaults and no demo', () => {
    expect(parseCliArgs([], {})).toEqual({
      kind: 'serve',
      options: {
        dataDir: './.rapport-data',
        databaseUrl: undefined,
        port: 8787,
        host: '127.0.0.1',
        demo: false,
        allowedOrigins: undefined,
        publishableKey: undefined,
        secretKey: undefined,
        identitySecret: undefined,
        webhooksAllowPrivate: false,
      },
    });
    expect(parseCliArgs(['serve'], {})).toEqual(parseCliArgs([], {}));
  });

  it('turns the webhook development allowance on with --webhooks-allow-private or RAPPORT_WEBHOOKS_ALLOW_PRIVATE=1', () => {
    expect(parseCliArgs(['--webhooks-allow-private'], {})).toMatchObject({ options: { webhooksAllowPrivate: true } });
    expect(parseCliArgs([], { RAPPORT_WEBHOOKS_ALLOW_PRIVATE: '1' })).toMatchObject({ options: { webhooksAllowPrivate: true } });
    expect(() => parseCliArgs([], { RAPPORT_WEBHOOKS_ALLOW_PRIVATE: 'yes' })).toThrow(/RAPPORT_WEBHOOKS_ALLOW_PRIVATE/);
  });

  it('reads PORT, HOST, DATABASE_URL, RAPPORT_DATA_DIR and RAPPORT_DEMO; a flag wins over its variable', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/x', RAPPORT_DATA_DIR: '/var/rapport', RAPPORT_DEMO: '1' };
    expect(parseCliArgs([], env)).toMatchObject({
      options: { port: 9000, host: '0.0.0.0', databaseUrl: 'postgres://db/x', dataDir: '/var/rapport', demo: true },
    });
    expect(parseCliArgs(['--port', '0', '--host', '::1', '--data-dir', '/tmp/x'], env)).toMatchObject({
      options: { port: 0, host: '::1', dataDir: '/tmp/x' },
    });
  });

  it('takes the demo keys and origins only with --demo', () => {
    const env = { RAPPORT_SECRET_KEY: 'sk_live_fixed', RAPPORT_IDENTITY_SECRET: 'id', RAPPORT_PUBLISHABLE_KEY: 'pk_live_fixed' };
    expect(parseCliArgs([], env)).toMatchObject({ options: { demo: false, secretKey: undefined, identitySecret: undefined, publishableKey: undefined } });
    const demo = parseCliArgs(['--demo', '--allowed-origin', 'https://A.example.com/', '--allowed-origin', 'https://*.example.org'], env);
    expect(demo).toMatchObject({
      options: { demo: true, secretKey: 'sk_live_fixed', allowedOrigins: ['https://a.example.com', 'https://*.example.org'] },
    });
    expect(refusal(['--allowed-origin', 'https://a.example.com'])).toMatch(/only applies to the demo site/);
  });

  it('refuses bad flags and values with a readable message', () => {
    expect(refusal(['--port', 'abc'])).toMatch(/--port must be a number/);
    expect(refusal(['--port', '70000'])).toMatch(/--port/);
    expect(refusal([], { PORT: 'http' })).toMatch(/PORT must be a number/);
    expect(refusal([], { RAPPORT_DEMO: 'yes please' })).toMatch(/RAPPORT_DEMO/);
    expect(refusal(['--demo', '--allowed-origin', 'localhost:5173'])).toMatch(/--allowed-origin: .*start it with http/);
    expect(refusal(['--nope'])).toMatch(/nope/);
    expect(refusal(['stray'])).toMatch(/unknown command "stray"/);
  });

  it('answers --help, help and <command> --help', () => {
    expect(parseCliArgs(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCliArgs(['help'], {})).toEqual({ kind: 'help' });
    expect(parseCliArgs(['site', 'create', '--help'], {})).toEqual({ kind: 'help' });
    for (const word of ['--demo', 'PORT', 'HOST', 'DATABASE_URL', 'RAPPORT_DATA_DIR', 'site create', 'identity-secret rotate', '--grace']) {
      expect(CLI_USAGE).toContain(word);
    }
  });
});

describe('parseCliArgs: management commands', () => {
  it('parses each command, normalising origins', () => {
    expect(parseCliArgs(['site', 'create', '--name', 'Acme Tea', '--origin', 'HTTPS://Shop.Acme.example:443', '--json'], {})).toEqual({
      kind: 'manage',
      store: { dataDir: './.rapport-data', databaseUrl: undefined },
      json: true,
      command: { action: 'site create', name: 'Acme Tea', slug: undefined, origins: ['https://shop.acme.example'], locale: undefined },
    });
    expect(parseCliArgs(['site', 'list', '--data-dir', '/d'], {})).toMatchObject({ store: { dataDir: '/d' }, command: { action: 'site list' } });
    expect(parseCliArgs(['key', 'create', '--site', 'acme', '--type', 'publishable'], {})).toMatchObject({
      command: { action: 'key create', site: 'acme', type: 'publishable', origins: undefined },
    });
    expect(parseCliArgs(['key', 'revoke', '--site', 'acme', 'skey_1'], {})).toMatchObject({ command: { action: 'key revoke', key: 'skey_1' } });
    expect(parseCliArgs(['origin', 'add', '--site', 'acme', 'http://localhost:3000', '--origin', 'https://*.acme.example'], {})).toMatchObject({
      command: { action: 'origin add', site: 'acme', key: undefined, origins: ['http://localhost:3000', 'https://*.acme.example'] },
    });
    expect(parseCliArgs(['identity-secret', 'rotate', '--site', 'acme'], {})).toMatchObject({ command: { graceMs: 7 * 86_400_000 } });
    expect(parseCliArgs(['identity-secret', 'rotate', '--site', 'acme', '--grace', '0'], {})).toMatchObject({ command: { graceMs: 0 } });
  });

  it('refuses unknown commands, bad origins and missing values', () => {
    expect(refusal(['sites'])).toMatch(/unknown command "sites"/);
    expect(refusal(['site'])).toMatch(/"site" needs a command/);
    expect(refusal(['site', 'delete'])).toMatch(/unknown command "site delete"/);
    expect(refusal(['constructor'])).toMatch(/unknown command/);
    expect(refusal(['site', 'create', '--origin', 'https://a.example'])).toMatch(/--name is required/);
    for (const [origin, why] of [
      ['*', /name each origin/],
      ['https://shop.example.com/checkout', /no path/],
      ['javascript:alert(1)', /start it with http/],
      ['shop.example.com', /start it with http/],
      ['ftp://shop.example.com', /http or https/],
      ['https://user:pw@shop.example.com', /user name/],
      ['https://*.com', /two labels/],
      ['https://shop.*.example.com', /wildcard/],
    ] as const) {
      expect(refusal(['site', 'create', '--name', 'A', '--origin', origin]), origin).toMatch(why);
      expect(refusal(['origin', 'add', '--site', 'a', origin]), origin).toMatch(why);
    }
    expect(refusal(['key', 'create', '--site', 'a', '--type', 'master'])).toMatch(/--type must be/);
    expect(refusal(['key', 'create', '--site', 'a', '--type', 'secret', '--origin', 'https://a.example'])).toMatch(/publishable keys only/);
    expect(refusal(['key', 'revoke', '--site', 'a'])).toMatch(/takes one key/);
    expect(refusal(['key', 'revoke', '--site', 'a', 'hunter2'])).toMatch(/not a key/);
    expect(refusal(['site', 'list', '--site', 'a'])).toMatch(/takes no --site/);
    expect(refusal(['site', 'list', 'extra'])).toMatch(/takes no argument/);
    expect(refusal(['origin', 'add', '--site', 'a'])).toMatch(/at least one origin/);
    expect(refusal(['identity-secret', 'rotate', '--site', 'a', '--grace', '1 week'])).toMatch(/--grace must be a duration/);
    expect(refusal(['identity-secret', 'rotate', '--site', 'a', '--grace', '91d'])).toMatch(/at most 90d/);
  });

  it('reads durations', () => {
    expect(parseDuration('0', '--grace')).toBe(0);
    expect(parseDuration('90s', '--grace')).toBe(90_000);
    expect(parseDuration('15m', '--grace')).toBe(900_000);
    expect(parseDuration('36h', '--grace')).toBe(129_600_000);
    expect(parseDuration('2w', '--grace')).toBe(1_209_600_000);
    expect(() => parseDuration('7', '--grace')).toThrow(CliUsageError);
  });
});
