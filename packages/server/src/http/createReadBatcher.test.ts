import { describe, expect, it } from 'vitest';
import { deferred } from '@rapport/testing';
import { createReadBatcher } from './createReadBatcher.js';

/** A loader that records each batch and answers when the test releases it. */
function gatedLoader() {
  const batches: string[][] = [];
  const gates: Array<ReturnType<typeof deferred>> = [];
  const load = async (keys: string[]) => {
    batches.push(keys);
    const gate = deferred();
    gates.push(gate);
    await gate.promise;
    return new Map(keys.filter((key) => !key.startsWith('missing')).map((key) => [key, `value of ${key}`]));
  };
  return { batches, gates, load };
}

/** Two turns of the event loop: a finished batch's callbacks, then the next batch's start. */
const turn = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

describe('createReadBatcher', () => {
  it('reads the keys asked for in one turn in one batch, each caller getting its own value', async () => {
    const { batches, gates, load } = gatedLoader();
    const batcher = createReadBatcher({ load });
    const answers = Promise.all(['a', 'b', 'a', 'missing-c'].map((key) => batcher.get(key)));
    await turn();
    expect(batches).toEqual([['a', 'b', 'missing-c']]);
    gates[0]!.resolve();
    expect(await answers).toEqual(['value of a', 'value of b', 'value of a', null]);
  });

  it('never joins a batch that has started: a later call waits for a batch of its own', async () => {
    const { batches, gates, load } = gatedLoader();
    const batcher = createReadBatcher({ load, maxInFlight: 1 });
    const first = batcher.get('a');
    await turn();
    expect(batches).toEqual([['a']]);
    // Asked while the first read of `a` is in flight: its answer must come from a read that starts after it.
    const second = batcher.get('a');
    const third = batcher.get('b');
    await turn();
    expect(batches).toHaveLength(1);
    gates[0]!.resolve();
    expect(await first).toBe('value of a');
    await turn();
    expect(batches).toEqual([['a'], ['a', 'b']]);
    gates[1]!.resolve();
    expect(await Promise.all([second, third])).toEqual(['value of a', 'value of b']);
  });

  it('keeps at most maxInFlight batches reading and maxBatch keys in a batch', async () => {
    const { batches, gates, load } = gatedLoader();
    const batcher = createReadBatcher({ load, maxInFlight: 2, maxBatch: 2 });
    const answers = Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => batcher.get(key)));
    await turn();
    expect(batches).toEqual([['a', 'b'], ['c', 'd']]);
    gates[0]!.resolve();
    await turn();
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await answers).toEqual(['a', 'b', 'c', 'd', 'e'].map((key) => `value of ${key}`));
  });

  it('rejects every caller of a failed batch and reads again for the next', async () => {
    let fail = true;
    const batcher = createReadBatcher({
      load: async (keys: string[]) => {
        if (fail) throw new Error('connection reset');
        return new Map(keys.map((key) => [key, key.toUpperCase()]));
      },
    });
    const failed = await Promise.allSettled([batcher.get('a'), batcher.get('b')]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.get('a')).toBe('A');
  });
});
