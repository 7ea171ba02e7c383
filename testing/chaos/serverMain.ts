// The server a chaos test kills: `startServer` from @rapport/server's source, in its own process, on the
// database the test chose (CHAOS_DATABASE_URL: PostgreSQL; otherwise PGlite in CHAOS_DATA_DIR), on 127.0.0.1.
// Optional: CHAOS_VISITOR_RATE_LIMIT (visitor requests per 60 s; default 100000) and CHAOS_MAINTENANCE_INTERVAL_MS
// (default: startServer's hourly loop), for the two-process cluster test; CHAOS_WEBHOOKS_ALLOW_PRIVATE=1 (webhooks to a
// receiver on 127.0.0.1) and CHAOS_WEBHOOK_RETRY_MS (comma-separated retry delays), for the webhook cluster test.
// Run with `node --conditions=source --import tsx testing/chaos/serverMain.ts`.
import { startServer } from '@rapport/server';

const port = Number(process.env.CHAOS_PORT);
const databaseUrl = process.env.CHAOS_DATABASE_URL;
const dataDir = process.env.CHAOS_DATA_DIR;
const visitorMax = Number(process.env.CHAOS_VISITOR_RATE_LIMIT ?? 100_000);
const maintenanceIntervalMs = process.env.CHAOS_MAINTENANCE_INTERVAL_MS ? Number(process.env.CHAOS_MAINTENANCE_INTERVAL_MS) : undefined;
const webhookRetryMs = process.env.CHAOS_WEBHOOK_RETRY_MS?.split(',').map(Number);
if (!Number.isInteger(port) || port <= 0 || (!databaseUrl && !dataDir)) {
  console.error('serverMain needs CHAOS_PORT and CHAOS_DATABASE_URL or CHAOS_DATA_DIR');
  process.exit(2);
}

const server = await startServer({
  port,
  host: '127.0.0.1',
  ...(databaseUrl ? { databaseUrl } : { dataDir }),
  seed: false,
  // 20 visitors answering 50 surveys each within seconds, from one address, is far above the per-visitor
  // budget meant for browsers; a 429 would make the outbox wait out Retry-After and stall the run.
  app: { rateLimit: { visitor: { windowMs: 60_000, max: visitorMax }, admin: { windowMs: 60_000, max: 100_000 } } },
  ...(maintenanceIntervalMs === undefined ? {} : { maintenanceIntervalMs }),
  webhooks: {
    allowPrivateNetworks: process.env.CHAOS_WEBHOOKS_ALLOW_PRIVATE === '1',
    ...(webhookRetryMs ? { retrySchedule: webhookRetryMs } : {}),
  },
});
// The test waits for this line before it sends anything.
console.log(`chaos-server ready ${server.url} pid=${process.pid}`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
