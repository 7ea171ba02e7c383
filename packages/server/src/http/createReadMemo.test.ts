import { describe, expect, it } from 'vitest';
import type { RapportStore } from '../store/Store.js';
import { createReadMemo } from './createReadMemo.js';

function fakeStore(localWrites?: () => number): RapportStore {
  return {
    kind: localWrites ? 'pglite' : 'postgres',
    ...(localWrites ? { localWrites } : {}),
    query: () => Promise.reject(new Error('not used')),
    transaction: () => Promise.reject(new Error('not used')),
    close: () => Promise.resolve(),
  };
}

describe('createReadMemo', () => {
  it('is off on a store other processes write to', () => {
    expect(createReadMemo(fakeStore())).toBeNull();
  });

  it('answers again from what it read until the store writes, then reads again', async () => {
    let writes = 0;
    const memo = createReadMemo(fakeStore(() => writes))!;
    let loads = 0;
    const load = async () => ++loads;
    expect(await memo.get('k', load)).toBe(1);
    expect(await memo.get('k', load)).toBe(1);
    writes += 1;
    expect(await memo.get('k', load)).toBe(2);
    expect(await memo.get('other', load)).toBe(3);
  });

  it('keeps an answer under the count read before loading: a write during the load is not missed', async () => {
    let writes = 0;
    const memo = createReadMemo(fakeStore(() => writes))!;
    expect(await memo.get('k', async () => ((writes += 1), 'during'))).toBe('during');
    expect(await memo.get('k', async () => 'after')).toBe('after');
  });

  it('keeps at most maxEntries answers', async () => {
    const memo = createReadMemo(fakeStore(() => 0), 2)!;
    let loads = 0;
    const load = async () => ++loads;
    await memo.get('a', load);
    await memo.get('b', load);
    await memo.get('c', load);
    expect(await memo.get('a', load)).toBe(4);
  });
});
