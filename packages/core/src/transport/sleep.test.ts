import { describe, expect, it } from 'vitest';
import { sleep } from './sleep.js';

describe('sleep', () => {
  it('waits, then resolves', async () => {
    const started = Date.now();
    await sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('rejects with code aborted at once when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort('gone');
    const started = Date.now();
    await expect(sleep(10_000, controller.signal)).rejects.toMatchObject({ code: 'aborted', cause: 'gone' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects with code aborted when the signal fires while waiting', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
  });
});
