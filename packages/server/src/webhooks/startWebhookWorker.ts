import type { RapportLogger } from '../logger.js';
import { positiveInteger } from '../positiveInteger.js';
import { sqlState, type RapportStore } from '../store/Store.js';
import { createWebhookSender, type WebhookSender, type WebhookSenderOptions } from './createWebhookSender.js';
import { claimDueDeliveries, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from './deliveryQueries.js';
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetryAfterMs, retryDelayMs } from './retrySchedule.js';
import { signWebhook } from './signWebhook.js';

// Why an outbox loop of our own rather than pg-boss or graphile-worker: both are good PostgreSQL job queues
// (SKIP LOCKED claims, retries, cron), but neither runs on PGlite, the default store (one process, embedded), and
// both keep jobs in their own schema, written through their own API and connection: the event would no longer be
// written by the statement of the change that causes it, in the same transaction (rolled back with it, never lost
// when it commits). The outbox tables are ordinary tables of our migrations, so `enqueueWebhookEvent` writes them
// with the caller's `tx` on both stores, and this loop is the one SQL claim (`FOR UPDATE SKIP LOCKED`, a lease),
// one recording transaction per attempt, and per-contact order, which neither library offers as such.

/** Options of {@link startWebhookWorker}. */
export interface WebhookWorkerOptions extends WebhookSenderOptions {
  /** The database holding the outbox. Required. */
  store: RapportStore;
  /** Where failures of the loop itself (the database) are reported. Required. */
  logger: RapportLogger;
  /** Time between looks for due deliveries, in milliseconds (a finished send looks again at once). Default: 500. */
  pollIntervalMs?: number;
  /** Attempts in flight at once on this instance. Default: 8. */
  concurrency?: number;
  /** Sends one attempt. Default: `createWebhookSender` with the connect and response timeouts and the address policy here. */
  send?: WebhookSender;
  /**
   * How long a claimed attempt stays reserved: an instance that dies mid-send leaves it to be retried after this.
   * Default: `timeoutMs` (15 s) + 30 s.
   */
  leaseMs?: number;
  /** Delays before each retry; when used up the delivery has failed and the endpoint is disabled. Default: {@link DEFAULT_RETRY_SCHEDULE_MS}. */
  retrySchedule?: readonly number[];
  /** An endpoint failing without one success for this long is disabled, in milliseconds. Default: 259200000 (3 days). */
  disableAfterMs?: number;
  /** The current time (attempt timestamps, due times). Default: `() => new Date()`. */
  clock?: () => Date;
  /** Random numbers in [0, 1) for the retry jitter. Default: `Math.random`. */
  random?: () => number;
  /** Called after each attempt is recorded (metrics, tests). Default: none. */
  onAttempt?: (delivery: ClaimedDelivery, outcome: AttemptOutcome) => void;
}

/** A running delivery loop. */
export interface WebhookWorker {
  /** Sends everything due now (and what becomes due meanwhile) until nothing is due or in flight; resolves the attempts made. */
  drain(): Promise<number>;
  /**
   * Stops claiming, lets attempts in flight finish for up to `deadlineMs` (default 10 s), then aborts the rest and
   * records them as abandoned (retried at once by any instance). Calling it again returns the same promise.
   */
  stop(options?: { deadlineMs?: number }): Promise<void>;
}

/**
 * Delivers the webhook outbox: claims due deliveries (several instances on one PostgreSQL database never claim the
 * same attempt), signs and sends them with bounded concurrency, records each attempt and schedules the next
 * (growing, jittered delays; `Retry-After` of a 429 or 503 honoured up to 6 h), and disables endpoints that keep
 * failing. Its timer never keeps the process alive.
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { store, logger } = options;
  const pollIntervalMs = positiveInteger('webhooks pollIntervalMs', options.pollIntervalMs ?? 500);
  const concurrency = positiveInteger('webhooks concurrency', options.concurrency ?? 8);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const leaseMs = positiveInteger('webhooks leaseMs', options.leaseMs ?? timeoutMs + 30_000);
  const schedule = options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE_MS;
  const disableAfterMs = options.disableAfterMs ?? 3 * 86_400_000;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const ownSender = options.send ? null : createWebhookSender({ ...options, timeoutMs, maxSocketsPerHost: concurrency });
  const send = options.send ?? ownSender!.send;
  const inFlight = new Set<Promise<void>>();
  const controllers = new Set<AbortController>();
  let attempts = 0;
  let stopped = false;
  let pumping: Promise<void> | null = null;
  let wake = false;
  let stopping: Promise<void> | undefined;

  function judge(delivery: ClaimedDelivery, response: Awaited<ReturnType<WebhookSender>>, aborted: boolean, now: Date) {
    const status = response.statusCode;
    if (aborted) return { verdict: 'abandoned' as const };
    if (response.error === null && status !== null && status >= 200 && status < 300) return { verdict: 'succeeded' as const };
    if (status === 410) return { verdict: 'gone' as const };
    const delay = retryDelayMs(schedule, delivery.attempt, random);
    if (delay === null) return { verdict: 'failed' as const };
    const asked = status === 429 || status === 503 ? parseRetryAfterMs(response.retryAfter, now) : null;
    return { verdict: 'retry' as const, retryAt: new Date(now.getTime() + (asked === null ? delay : Math.max(asked, 1_000))) };
  }

  async function attempt(delivery: ClaimedDelivery, controller: AbortController): Promise<void> {
    const attemptedAt = clock();
    const headers = signWebhook({ id: delivery.eventId, timestamp: attemptedAt, body: delivery.body, secrets: delivery.secrets });
    const started = performance.now();
    const response = await send({ url: delivery.url, headers, body: delivery.body, signal: controller.signal });
    const latencyMs = performance.now() - started;
    const now = clock();
    const aborted = controller.signal.aborted;
    const outcome: AttemptOutcome = {
      attemptedAt,
      latencyMs,
      statusCode: response.statusCode,
      excerpt: response.excerpt,
      error: aborted ? 'abandoned: the server shut down' : response.error,
      ...judge(delivery, response, aborted, now),
    };
    await recordAttempt(store, delivery, outcome, { disableAfterMs, now });
    attempts += 1;
    options.onAttempt?.(delivery, outcome);
  }

  function start(delivery: ClaimedDelivery): void {
    const controller = new AbortController();
    controllers.add(controller);
    const task: Promise<void> = attempt(delivery, controller)
      .catch((error: unknown) => {
        // 23503: the endpoint (and with it the delivery) was deleted while the attempt was in flight.
        if (sqlState(error) !== '23503') logger.error('Webhook attempt could not be recorded (retried when its lease ends)', { error, deliveryId: delivery.id });
      })
      .finally(() => {
        controllers.delete(controller);
        inFlight.delete(task);
        if (!stopped) void pump();
      });
    inFlight.add(task);
  }

  async function claimWhileRoom(): Promise<void> {
    while (!stopped) {
      const room = concurrency - inFlight.size;
      if (room <= 0) return;
      const now = clock();
      const claimed = await claimDueDeliveries(store, { now, limit: room, leaseUntil: new Date(now.getTime() + leaseMs) });
      for (const delivery of claimed) start(delivery);
      if (claimed.length < room) return;
    }
  }

  // One claim loop at a time; a call while it runs asks it to look once more.
  function pump(): Promise<void> {
    if (pumping) {
      wake = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        wake = false;
        try {
          await claimWhileRoom();
        } catch (error) {
          logger.error('Webhook claim failed (tried again next interval)', { error });
          return;
        }
      } while (wake && !stopped);
    })().finally(() => {
      pumping = null;
    });
    return pumping;
  }

  const timer = setInterval(() => void pump(), pollIntervalMs);
  timer.unref?.();
  void pump();

  return {
    async drain() {
      const before = attempts;
      for (;;) {
        await pump();
        if (inFlight.size === 0) return attempts - before;
        await Promise.race(inFlight);
      }
    },
    stop: (stopOptions = {}) =>
      (stopping ??= (async () => {
        stopped = true;
        clearInterval(timer);
        await pumping;
        let deadline: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          deadline = setTimeout(() => resolve('timeout'), stopOptions.deadlineMs ?? 10_000);
        });
        if ((await Promise.race([Promise.all(inFlight), timedOut])) === 'timeout') {
          for (const controller of controllers) controller.abort();
          await Promise.all(inFlight);
        }
        clearTimeout(deadline);
        ownSender?.close();
      })()),
  };
}
