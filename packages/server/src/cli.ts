#!/usr/bin/env node
import { CliUsageError } from './cli/CliUsageError.js';
import { CLI_USAGE, parseCliArgs, type CliCommand, type ServeOptions } from './parseCliArgs.js';
import { SiteAdminError } from './sites/SiteAdminError.js';
import { DataDirInUseError } from './store/dataDirLock.js';

// The server and the stores are imported once the command line is known to be good: `--help` and bad input answer
// without loading them.

/** Exit code of bad input: an unknown command or flag, a bad origin, a duplicate site, an unknown site or key. */
const EXIT_BAD_INPUT = 2;

async function serve(options: ServeOptions): Promise<void> {
  const { startServer } = await import('./startServer.js');
  const server = await startServer({
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    webhooks: { allowPrivateNetworks: options.webhooksAllowPrivate },
    seed: options.demo
      ? {
          ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
          ...(options.publishableKey ? { publishableKey: options.publishableKey } : {}),
          ...(options.secretKey ? { secretKey: options.secretKey } : {}),
          ...(options.identitySecret ? { identitySecret: options.identitySecret } : {}),
        }
      : false,
  });
  // Handlers first, output after: whoever reads "listening" may signal at once.
  // SIGTERM (orchestrators) or SIGINT (Ctrl-C): stop accepting, finish requests in flight within the shutdown
  // deadline, stop maintenance, close the store, exit 0. A second signal exits at once with 1.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`Received ${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\nReceived ${signal}, shutting down (finishing requests in flight)…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const lines = [
    `Rapport API listening on ${server.url} (${server.store.kind}${options.databaseUrl ? '' : `, data in ${options.dataDir}`})`,
    `OpenAPI document:  ${server.url}/v1/openapi.json`,
  ];
  const seed = server.seed;
  if (seed) {
    const { rows } = await server.store.query<{ allowed_origins: string[] }>('SELECT allowed_origins FROM site_publishable_keys WHERE key = $1', [
      seed.publishableKey,
    ]);
    lines.push(
      `Demo site:         ${seed.site.name} (${seed.site.id})${seed.created ? ', just created' : ''}`,
      `Publishable key:   ${seed.publishableKey}`,
      `Identity secret:   ${seed.identitySecret}`,
      seed.secretKey
        ? `Secret key:        ${seed.secretKey}${seed.created ? '  (shown once: only its hash is stored)' : ''}`
        : 'Secret key:        (stored hashed; shown only when created — set RAPPORT_SECRET_KEY to fix one)',
      `Allowed origins:   ${(rows[0]?.allowed_origins ?? []).join(', ')}`,
    );
  } else {
    const { rows } = await server.store.query<{ n: number }>('SELECT count(*)::int AS n FROM sites');
    const sites = rows[0]?.n ?? 0;
    lines.push(
      sites === 0
        ? 'No sites yet:      create one with rapport-server site create --name <name> --origin <url> (or start with --demo)'
        : `Sites:             ${sites} (rapport-server site list)`,
    );
  }
  console.log(lines.join('\n'));
}

async function run(command: CliCommand): Promise<void> {
  if (command.kind === 'help') {
    console.log(CLI_USAGE);
    return;
  }
  if (command.kind === 'serve') {
    await serve(command.options);
    return;
  }
  const { runManageCommand } = await import('./cli/runManageCommand.js');
  const { formatManageResult } = await import('./cli/formatManageResult.js');
  const result = await runManageCommand(command.store, command.command);
  console.log(command.json ? JSON.stringify(result, null, 2) : formatManageResult(result));
}

async function main(): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`rapport-server: ${error.message}\n\n${CLI_USAGE}`);
    process.exitCode = EXIT_BAD_INPUT;
    return;
  }
  try {
    await run(command);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      // Another process serves this data directory: say so in one line and leave it serving.
      console.error(`rapport-server: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    if (!(error instanceof SiteAdminError)) throw error;
    console.error(`rapport-server: ${error.message}`);
    process.exitCode = EXIT_BAD_INPUT;
  }
}

main().catch((error: unknown) => {
  console.error('rapport-server failed:', error);
  process.exit(1);
});
