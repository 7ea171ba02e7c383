import { RapportError } from '../errors/RapportError.js';
import type { ResponseSubmit, VisitorResponse } from '../schemas/feedbackVisitor.js';
import type { KeyValueStorage } from '../storage/KeyValueStorage.js';
import { createOutboxStore } from './outboxStorage.js';

/** Timer functions, injectable for tests. The real `setTimeout`/`clearTimeout` fit. */
export interface Timers {
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(handle: ReturnType<Timers['setTimeout']>): void;
}

/**
 * Something that emits the window's `online` events (the connection is back) and `storage` events (another tab
 * changed `localStorage`): the window.
 */
export interface OnlineEventTarget {
  addEventListener(type: 'online' | 'storage', listener: (event: Event) => void): void;
  removeEventListener(type: 'online' | 'storage', listener: (event: Event) => void): void;
}

/** How the outbox spaces its delivery attempts. */
export interface OutboxRetryOptions {
  /** Delay before the first retry in milliseconds, doubled on each retry. Default `1_000`. */
  baseDelayMs?: number;
  /** Longest delay between retries in milliseconds. A server's `Retry-After` is honoured even when longer. Default `60_000`. */
  maxDelayMs?: number;
}

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  /** Where submissions wait; shared by every tab and every later page load. Required. */
  storage: KeyValueStorage;
  /** The storage key (one per publishable key). Required. */
  storageKey: string;
  /** Delivers one submission; the submission's `id` makes a repeated delivery store nothing twice. Required. */
  send: (submission: ResponseSubmit) => Promise<VisitorResponse>;
  /** Where `online` is heard, to deliver at once when the browser reconnects. Default: `null` (not listened to). */
  onlineTarget?: OnlineEventTarget | null;
  /** Timers for retries. Default: the global `setTimeout`/`clearTimeout`. */
  timers?: Timers;
  /** Retry spacing. Default: 1 s, doubling, at most 60 s. */
  retry?: OutboxRetryOptions;
  /** Randomness for jitter, in [0, 1). Default: `Math.random`. */
  random?: () => number;
}

/** What happened to a submission, as {@link Outbox.subscribe} listeners hear it. */
export type OutboxEvent =
  | { type: 'added'; submission: ResponseSubmit }
  | { type: 'sent'; submission: ResponseSubmit; response: VisitorResponse }
  /** A delivery attempt failed in a way worth retrying (offline, 5xx, 429); the submission stays stored. */
  | { type: 'kept'; submission: ResponseSubmit; error: unknown }
  /** The server refused the submission for good (a 4xx); it was removed. */
  | { type: 'failed'; submission: ResponseSubmit; error: RapportError }
  /** Another tab added or delivered submissions: read {@link Outbox.pending} again. */
  | { type: 'synced' };

/** A listener of {@link Outbox.subscribe}. */
export type OutboxListener = (event: OutboxEvent) => void;

/** How {@link Outbox.submit} ended: delivered now, or stored and delivered later. */
export type OutboxSubmitResult =
  | { status: 'sent'; submission: ResponseSubmit; response: VisitorResponse }
  | { status: 'queued'; submission: ResponseSubmit };

/** Submissions kept in storage until the server has stored them. */
export interface Outbox {
  /**
   * Stores `submission`, then sends it. Resolves `sent`, or `queued` when the network or server is down (it is
   * retried with backoff, on `online`, and by the next page's client). Rejects with the server's
   * {@link RapportError} when it refuses (4xx), after removing it.
   */
  submit(submission: ResponseSubmit): Promise<OutboxSubmitResult>;
  /** Tries every stored submission now (skipping those already on their way). */
  flush(): Promise<void>;
  /** The stored submissions not yet delivered (from every tab), oldest first. */
  pending(): readonly ResponseSubmit[];
  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: OutboxListener): () => void;
  /** Stops retrying and listening. Stored submissions stay for the next outbox. */
  destroy(): void;
}

/** Network failures, timeouts, 5xx and 429 are worth retrying; anything that is not a RapportError too (never lose one to a bug). */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof RapportError)) return true;
  if (error.code === 'network' || error.code === 'aborted') return true;
  const status = error.status;
  return status !== undefined && (status === 408 || status === 429 || status >= 500);
}

/**
 * The submission without its answer time when that time is all the server refused for being in the future (the
 * visitor's clock runs fast): the server then takes the delivery time. A refused request stores nothing, so the
 * same id with this new body is no conflict.
 */
function withoutFutureAnswerTime(submission: ResponseSubmit, error: RapportError): ResponseSubmit | undefined {
  const issues = error.issues ?? [];
  if (submission.answeredAt === undefined || error.code !== 'validation_failed' || issues.length === 0) return undefined;
  if (!issues.every((issue) => issue.path[0] === 'answeredAt' && issue.code === 'too_big')) return undefined;
  const { answeredAt: _refused, ...revised } = submission;
  return revised;
}

/**
 * An outbox for feedback responses. A submission is written to storage before it is first sent and removed
 * only once the server has stored it (or refused it for good, which is reported), so none is lost to a closed
 * tab or a dropped connection. Its client-generated id is the idempotency key: tabs and page loads that
 * deliver the same submission concurrently still have it stored once.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { storage, storageKey, send } = options;
  const timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) };
  const random = options.random ?? Math.random;
  const baseDelayMs = options.retry?.baseDelayMs ?? 1_000;
  const maxDelayMs = options.retry?.maxDelayMs ?? 60_000;
  const listeners = new Set<OutboxListener>();
  const inFlight = new Set<string>();
  const { read, write } = createOutboxStore(storage, storageKey);
  let timer: unknown;
  let attempt = 0;
  let flushing: Promise<void> | undefined;

  const remove = (id: string) => {
    const items = read();
    if (items.some((item) => item.id === id)) write(items.filter((item) => item.id !== id));
  };
  const emit = (event: OutboxEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  function scheduleRetry(retryAfterSeconds: number | undefined) {
    if (timer !== undefined) return;
    // Equal jitter: never a zero wait, never in lockstep with other tabs.
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    const backoff = ceiling / 2 + (random() * ceiling) / 2;
    attempt += 1;
    const delay = retryAfterSeconds === undefined ? backoff : Math.max(backoff, retryAfterSeconds * 1000);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
  }

  /** One attempt; `undefined` when the submission is kept for a retry. Throws when refused for good. */
  async function deliver(submission: ResponseSubmit): Promise<VisitorResponse | undefined> {
    inFlight.add(submission.id);
    try {
      const response = await send(submission);
      remove(submission.id);
      attempt = 0;
      emit({ type: 'sent', submission, response });
      // The server answers again: whatever else waits can go now.
      if (read().some((item) => !inFlight.has(item.id))) void flush();
      return response;
    } catch (error) {
      if (isRetryable(error)) {
        emit({ type: 'kept', submission, error });
        scheduleRetry(error instanceof RapportError ? error.retryAfterSeconds : undefined);
        return undefined;
      }
      const revised = withoutFutureAnswerTime(submission, error as RapportError);
      if (revised) {
        // Stored first, so every later attempt sends the same body as this one.
        write(read().map((item) => (item.id === submission.id ? revised : item)));
        return deliver(revised);
      }
      remove(submission.id);
      emit({ type: 'failed', submission, error: error as RapportError });
      throw error;
    } finally {
      inFlight.delete(submission.id);
    }
  }

  function flush(): Promise<void> {
    if (flushing) return flushing;
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    flushing = (async () => {
      for (const submission of read()) {
        // Skip what is on its way, or what another tab has delivered meanwhile.
        if (inFlight.has(submission.id) || !read().some((item) => item.id === submission.id)) continue;
        const delivered = await deliver(submission).catch(() => null);
        if (delivered === undefined) break;
      }
    })().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  const onOnline = () => {
    attempt = 0;
    void flush();
  };
  options.onlineTarget?.addEventListener('online', onOnline);

  return {
    async submit(submission) {
      write([...read().filter((item) => item.id !== submission.id), submission]);
      emit({ type: 'added', submission });
      const response = await deliver(submission);
      return response ? { status: 'sent', submission, response } : { status: 'queued', submission };
    },
    flush,
    pending: read,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    destroy() {
      options.onlineTarget?.removeEventListener('online', onOnline);
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      listeners.clear();
    },
  };
}
