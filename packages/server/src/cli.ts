#!/usr/bin/env node
import { CLI_USAGE, parseCliArgs } from './parseCliArgs.js';
import { startServer } from './startServer.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`rapport-server: ${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(CLI_USAGE);
    return;
  }
  const server = await startServer({
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    seed: {
      allowedOrigins: options.allowedOrigins,
      ...(options.publishableKey ? { publishableKey: options.publishableKey } : {}),
      ...(options.secretKey ? { secretKey: options.secretKey } : {}),
      ...(options.identitySecret ? { identitySecret: options.identitySecret } : {}),
    },
  });
  const seed = server.seed;
  const lines = [
    `Rapport API listening on ${server.url} (${server.store.kind}${options.databaseUrl ? '' : `, data in ${options.dataDir}`})`,
    `OpenAPI document:  ${server.url}/v1/openapi.json`,
  ];
  if (seed) {
    lines.push(
      `Demo site:         ${seed.site.name} (${seed.site.id})${seed.created ? ', just created' : ''}`,
      `Publishable key:   ${seed.publishableKey}`,
      `Identity secret:   ${seed.identitySecret}`,
      seed.secretKey
        ? `Secret key:        ${seed.secretKey}${seed.created ? '  (shown once: only its hash is stored)' : ''}`
        : 'Secret key:        (stored hashed; shown only when created — set RAPPORT_SECRET_KEY to fix one)',
      `Allowed origins:   ${options.allowedOrigins.join(', ')}`,
    );
  }
  console.log(lines.join('\n'));

  const stop = (signal: string) => {
    console.log(`\nReceived ${signal}, shutting down…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('rapport-server failed to start:', error);
  process.exit(1);
});
