import { PendingConfirmationListSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreferencesKit, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: PreferencesKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createPreferencesKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function page(query: string) {
  const response = await kit.admin(`/preferences/confirmations${query}`);
  expect(response.status).toBe(200);
  return PendingConfirmationListSchema.parse(await response.json());
}

describe('pending confirmations list', () => {
  it('pages by keyset, oldest first, and the pages add up to the one-page answer', async () => {
    for (let n = 0; n < 3; n += 1) {
      const token = await kit.visitor(`confirm_page_${n}`, `confirm_page_${n}@example.com`);
      await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'email', granted: true }, { topicId: 'events', channel: 'email', granted: true }] });
      h.clock.advance(1_000);
    }
    const all = await page('');
    expect(all.items).toHaveLength(6);
    expect(all.nextCursor).toBeNull();
    const paged: string[] = [];
    let cursor: string | null | undefined = null;
    let pages = 0;
    do {
      const next = await page(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...next.items.map((item) => item.token));
      cursor = next.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(paged).toEqual(all.items.map((item) => item.token));
    expect((await kit.admin('/preferences/confirmations?cursor=nope')).status).toBe(422);
    expect((await kit.admin('/preferences/confirmations?limit=0')).status).toBe(422);
  });
});
