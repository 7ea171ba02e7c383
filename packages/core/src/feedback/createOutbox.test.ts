import { describe, expect, it } from 'vitest';
import { RapportError } from '../errors/RapportError.js';
import type { ResponseSubmit, VisitorResponse } from '../schemas/feedbackVisitor.js';
import { createMemoryStorage, type KeyValueStorage } from '../storage/KeyValueStorage.js';
import { createOutbox, type OutboxEvent, type OutboxOptions, type Timers } from './createOutbox.js';

const KEY = 'rapport:pk_1:feedback-outbox';

function submission(id: string, score = 9): ResponseSubmit {
  return { id, surveyId: 'srv_1', score, text: null, answeredAt: '2026-11-23T10:00:00.000Z' };
}

function responseFor(item: ResponseSubmit): VisitorResponse {
  return {
    id: item.id,
    surveyId: item.surveyId,
    kind: 'nps',
    score: item.score,
    band: 'positive',
    text: null,
    contactRequested: false,
    answeredAt: item.answeredAt ?? '',
  };
}

type Mode =
  | 'up'
  | 'down'
  | 'lost-after-store'
  | 'future-answer-time'
  | { status: number; code: string; retryAfterSeconds?: number };

/** A server that stores each id once (as the real one does with the idempotency key) and can be broken. */
function fakeServer(storage: KeyValueStorage) {
  const stored = new Map<string, ResponseSubmit>();
  const attempts: Array<{ id: string; storedBeforeSend: boolean }> = [];
  let mode: Mode = 'up';
  const send = async (item: ResponseSubmit): Promise<VisitorResponse> => {
    attempts.push({ id: item.id, storedBeforeSend: (storage.getItem(KEY) ?? '').includes(item.id) });
    await Promise.resolve();
    if (mode === 'down') throw new RapportError('Could not reach the Rapport API', { code: 'network' });
    if (mode === 'future-answer-time' && item.answeredAt !== undefined) {
      const issues = [{ path: ['answeredAt'], code: 'too_big', message: 'Must not be in the future' }];
      throw new RapportError('Invalid', { code: 'validation_failed', status: 422, issues });
    }
    if (typeof mode === 'object') {
      const { status, code, retryAfterSeconds } = mode;
      throw new RapportError(code, { code, status, retryAfterSeconds });
    }
    if (!stored.has(item.id)) stored.set(item.id, item);
    if (mode === 'lost-after-store') throw new RapportError('The connection dropped', { code: 'network' });
    return responseFor(stored.get(item.id)!);
  };
  return { stored, attempts, send, setMode: (next: Mode) => (mode = next) };
}

/** Timers a test runs by hand, recording every delay asked for. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const delays: number[] = [];
  let next = 1;
  const timers: Timers = {
    setTimeout(fn, ms) {
      delays.push(ms);
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    delays,
    count: () => pending.size,
    /** Runs every due timer and lets the resulting delivery settle. */
    async runAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const { fn } of due) fn();
      await settle();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(overrides: Partial<OutboxOptions> = {}, storage = createMemoryStorage()) {
  const server = fakeServer(storage);
  const clock = manualTimers();
  const events: OutboxEvent[] = [];
  const outbox = createOutbox({ storage, storageKey: KEY, send: server.send, timers: clock.timers, random: () => 0.5, ...overrides });
  outbox.subscribe((event) => events.push(event));
  return { storage, server, clock, events, outbox };
}

describe('createOutbox', () => {
  it('stores a submission before sending it and removes it once the server has it', async () => {
    const { outbox, server, storage, events } = setup();
    const result = await outbox.submit(submission('rsp_aaaaaaaa'));
    expect(result).toMatchObject({ status: 'sent', response: { id: 'rsp_aaaaaaaa' } });
    expect(server.attempts).toEqual([{ id: 'rsp_aaaaaaaa', storedBeforeSend: true }]);
    expect(storage.getItem(KEY)).toBeNull();
    expect(outbox.pending()).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['added', 'sent']);
  });

  it('keeps a submission while the network is down and answers queued at once', async () => {
    const { outbox, server, storage, events, clock } = setup();
    server.setMode('down');
    const result = await outbox.submit(submission('rsp_bbbbbbbb'));
    expect(result).toEqual({ status: 'queued', submission: submission('rsp_bbbbbbbb') });
    expect(outbox.pending().map((s) => s.id)).toEqual(['rsp_bbbbbbbb']);
    expect(JSON.parse(storage.getItem(KEY) ?? '[]')).toEqual([submission('rsp_bbbbbbbb')]);
    expect(events.map((e) => e.type)).toEqual(['added', 'kept']);
    expect(clock.count()).toBe(1);
  });

  it('retries with capped, doubling backoff and delivers once the server is back', async () => {
    const { outbox, server, clock } = setup({ retry: { baseDelayMs: 1000, maxDelayMs: 4000 } });
    server.setMode({ status: 503, code: 'internal' });
    await outbox.submit(submission('rsp_cccccccc'));
    for (let i = 0; i < 4; i++) await clock.runAll();
    // Equal jitter with random 0.5: three quarters of the ceiling (1 s, 2 s, 4 s, then capped at 4 s).
    expect(clock.delays).toEqual([750, 1500, 3000, 3000, 3000]);
    server.setMode('up');
    await clock.runAll();
    expect(server.stored.size).toBe(1);
    expect(outbox.pending()).toEqual([]);
    expect(clock.count()).toBe(0);
    expect(server.attempts).toHaveLength(6);
  });

  it("honours Retry-After, even beyond the cap", async () => {
    const { outbox, server, clock } = setup({ retry: { baseDelayMs: 1000, maxDelayMs: 60_000 } });
    server.setMode({ status: 429, code: 'rate_limited', retryAfterSeconds: 120 });
    await expect(outbox.submit(submission('rsp_dddddddd'))).resolves.toMatchObject({ status: 'queued' });
    expect(clock.delays).toEqual([120_000]);
  });

  it('stores it once when the answer is lost after the server stored it, and retries with the same id', async () => {
    const { outbox, server, clock } = setup();
    server.setMode('lost-after-store');
    await expect(outbox.submit(submission('rsp_eeeeeeee'))).resolves.toMatchObject({ status: 'queued' });
    server.setMode('up');
    await clock.runAll();
    expect(server.attempts.map((a) => a.id)).toEqual(['rsp_eeeeeeee', 'rsp_eeeeeeee']);
    expect(server.stored.size).toBe(1);
    expect(outbox.pending()).toEqual([]);
  });

  it('resends without the answer time when only that was refused (a fast clock), storing the new body first', async () => {
    const { outbox, server, storage } = setup();
    server.setMode('future-answer-time');
    const sent = [] as Array<string | null>;
    const send = server.send;
    const spy = createOutbox({
      storage,
      storageKey: KEY,
      timers: manualTimers().timers,
      send: (item) => {
        sent.push(storage.getItem(KEY));
        return send(item);
      },
    });
    const result = await spy.submit(submission('rsp_revised1'));
    expect(result).toMatchObject({ status: 'sent', response: { id: 'rsp_revised1' } });
    expect(server.stored.get('rsp_revised1')?.answeredAt).toBeUndefined();
    expect(JSON.parse(sent[1] ?? '[]')[0]).not.toHaveProperty('answeredAt');
    expect(outbox.pending()).toEqual([]);
  });

  it('drops a submission the server refuses for good, rejects, and tells the listeners', async () => {
    const { outbox, server, events, clock } = setup();
    server.setMode({ status: 422, code: 'validation_failed' });
    const error = await outbox.submit(submission('rsp_ffffffff')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RapportError);
    expect((error as RapportError).code).toBe('validation_failed');
    expect(outbox.pending()).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['added', 'failed']);
    expect(clock.count()).toBe(0);
  });

  it('reports a queued submission refused later (nothing silently lost)', async () => {
    const { outbox, server, events, clock } = setup();
    server.setMode('down');
    await outbox.submit(submission('rsp_gggggggg'));
    server.setMode({ status: 409, code: 'survey_closed' });
    await clock.runAll();
    const failed = events.find((e) => e.type === 'failed');
    expect(failed).toMatchObject({ submission: { id: 'rsp_gggggggg' }, error: { code: 'survey_closed', status: 409 } });
    expect(outbox.pending()).toEqual([]);
  });

  it('delivers at once when the browser comes back online', async () => {
    const online = new EventTarget();
    const { outbox, server, clock } = setup({ onlineTarget: online, retry: { baseDelayMs: 3_600_000 } });
    server.setMode('down');
    await outbox.submit(submission('rsp_hhhhhhhh'));
    server.setMode('up');
    online.dispatchEvent(new Event('online'));
    await settle();
    expect(server.stored.has('rsp_hhhhhhhh')).toBe(true);
    expect(outbox.pending()).toEqual([]);
    expect(clock.count()).toBe(0);
  });

  it('flushes what a previous page left, oldest first, and stops at the first failure', async () => {
    const storage = createMemoryStorage();
    storage.setItem(KEY, JSON.stringify([submission('rsp_iiiiiiii'), submission('rsp_jjjjjjjj')]));
    const { outbox, server } = setup({}, storage);
    server.setMode('down');
    await outbox.flush();
    expect(server.attempts.map((a) => a.id)).toEqual(['rsp_iiiiiiii']);
    server.setMode('up');
    await outbox.flush();
    expect([...server.stored.keys()]).toEqual(['rsp_iiiiiiii', 'rsp_jjjjjjjj']);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('two outboxes over one storage (two tabs) store each submission once', async () => {
    const storage = createMemoryStorage();
    const server = fakeServer(storage);
    server.setMode('down');
    const first = createOutbox({ storage, storageKey: KEY, send: server.send, timers: manualTimers().timers });
    const second = createOutbox({ storage, storageKey: KEY, send: server.send, timers: manualTimers().timers });
    await first.submit(submission('rsp_kkkkkkkk'));
    await second.submit(submission('rsp_llllllll'));
    expect(first.pending().map((s) => s.id)).toEqual(['rsp_kkkkkkkk', 'rsp_llllllll']);
    server.setMode('up');
    await Promise.all([first.flush(), second.flush()]);
    expect(server.attempts.filter((a) => a.id === 'rsp_kkkkkkkk').length).toBeGreaterThanOrEqual(2);
    expect([...server.stored.keys()].sort()).toEqual(['rsp_kkkkkkkk', 'rsp_llllllll']);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('does not send the same submission twice at once from one outbox', async () => {
    const { outbox, server } = setup();
    server.setMode('down');
    await outbox.submit(submission('rsp_mmmmmmmm'));
    server.setMode('up');
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    expect(server.attempts.map((a) => a.id)).toEqual(['rsp_mmmmmmmm', 'rsp_mmmmmmmm']);
  });

  it('ignores unreadable storage content', () => {
    const storage = createMemoryStorage();
    storage.setItem(KEY, '{not json');
    expect(setup({}, storage).outbox.pending()).toEqual([]);
    storage.setItem(KEY, JSON.stringify([{ nope: 1 }, submission('rsp_nnnnnnnn')]));
    expect(setup({}, storage).outbox.pending().map((s) => s.id)).toEqual(['rsp_nnnnnnnn']);
  });

  it('destroy stops the retries and the online listener but keeps what is stored', async () => {
    const online = new EventTarget();
    const { outbox, server, clock } = setup({ onlineTarget: online });
    server.setMode('down');
    await outbox.submit(submission('rsp_oooooooo'));
    outbox.destroy();
    expect(clock.count()).toBe(0);
    server.setMode('up');
    online.dispatchEvent(new Event('online'));
    await settle();
    expect(server.stored.size).toBe(0);
    expect(outbox.pending()).toHaveLength(1);
  });
});
