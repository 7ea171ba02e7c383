import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSite } from '../sites/createSite.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';
import { withIdempotency } from './withIdempotency.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';

let h: Harness;
let site: CreatedSite;
const PROFILE = '/v1/visitor/profile';

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

function patch(bearer: string, body: unknown, key?: string) {
  return h.call(PROFILE, { site, method: 'PATCH', bearer, body, headers: key ? { 'idempotency-key': key } : {} });
}

describe('Idempotency-Key on writes', () => {
  it('replays the stored response for the same key and body, without running the write again', async () => {
    const token = await h.tokenFor(site, 'user_idem');
    const first = await patch(token, { locale: 'en-GB' }, 'key-replay-1');
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.json();

    await patch(token, { locale: 'fr-FR' }); // a change made without the key, in between
    const replay = await patch(token, { locale: 'en-GB' }, 'key-replay-1');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(firstBody);
    const { rows } = await h.store.query<{ locale: string }>('SELECT locale FROM contacts WHERE site_id = $1 AND external_id = $2', [site.site.id, 'user_idem']);
    expect(rows[0]?.locale).toBe('fr-FR');
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const token = await h.tokenFor(site, 'user_order');
    expect((await patch(token, '{"locale":"en-GB","timeZone":"UTC"}', 'key-order')).status).toBe(200);
    const replay = await patch(token, '{"timeZone":"UTC","locale":"en-GB"}', 'key-order');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 422 idempotency_conflict for the same key with a different body', async () => {
    const token = await h.tokenFor(site, 'user_conflict');
    expect((await patch(token, { locale: 'en-GB' }, 'key-conflict')).status).toBe(200);
    const conflict = await patch(token, { locale: 'de-DE' }, 'key-conflict');
    expect(conflict.status).toBe(422);
    expect((await readError(conflict)).code).toBe('idempotency_conflict');
  });

  it("scopes keys per visitor: B's request with A's key runs as B's own", async () => {
    const tokenA = await h.tokenFor(site, 'user_scope_a');
    const tokenB = await h.tokenFor(site, 'user_scope_b');
    const a = await patch(tokenA, { locale: 'en-GB' }, 'shared-key');
    const b = await patch(tokenB, { locale: 'en-GB' }, 'shared-key');
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(((await a.json()) as { externalId: string }).externalId).toBe('user_scope_a');
    expect(((await b.json()) as { externalId: string }).externalId).toBe('user_scope_b');
    const c = await patch(tokenB, { locale: 'de-DE' }, 'shared-key');
    expect(c.status).toBe(422);
  });

  it('stores nothing when the write fails, so the same key can be retried', async () => {
    const token = await h.tokenFor(site, 'user_retry');
    expect((await patch(token, { locale: 'xx-invalid-!!' }, 'key-retry')).status).toBe(422);
    const ok = await patch(token, { locale: 'en-GB' }, 'key-retry');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses an invalid key', async () => {
    const token = await h.tokenFor(site, 'user_badkey');
    const response = await patch(token, { locale: 'en-GB' }, 'x'.repeat(256));
    expect(response.status).toBe(422);
    expect((await readError(response)).issues?.[0]?.path).toEqual(['header', 'idempotency-key']);
  });

  it('lets a key be reused for a new request after the retention period', async () => {
    const request = { siteId: site.site.id, scope: 'test', key: 'expiring', requestHash: 'first', clock: h.clock.now, retentionSeconds: 60 };
    await withIdempotency(h.store, request, async () => ({ status: 200, body: 'first' }));
    const later = new Date(h.clock.now().getTime() + 61_000);
    const reused = await withIdempotency(h.store, { ...request, requestHash: 'second', clock: () => later }, async () => ({ status: 200, body: 'second' }));
    expect(reused).toEqual({ status: 200, body: 'second', replayed: false });
  });
});
