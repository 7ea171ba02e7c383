import { VisitorSessionSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSite } from '../sites/createSite.js';
import { createHarness, createTestSite, readError, type Harness } from '../testing/testHarness.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';

let h: Harness;
let site: CreatedSite;
const PROFILE = '/v1/visitor/profile';

beforeAll(async () => {
  h = await createHarness();
  site = await createTestSite(h.store);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function patch(bearer: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return h.call(PROFILE, { site, method: 'PATCH', ...(bearer ? { bearer } : {}), body, headers });
}

async function settingsOf(externalId: string) {
  const { rows } = await h.store.query<{ locale: string | null; time_zone: string | null }>(
    'SELECT locale, time_zone FROM contacts WHERE site_id = $1 AND external_id = $2',
    [site.site.id, externalId],
  );
  return rows[0];
}

describe('PATCH /v1/visitor/profile', () => {
  it('updates the locale and time zone of the token’s own contact; null clears, absent keeps', async () => {
    const token = await h.tokenFor(site, 'user_profile', { name: 'Pat' });
    const first = await patch(token, { locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(first.status).toBe(200);
    expect(VisitorSessionSchema.parse(await first.json())).toMatchObject({
      kind: 'known', externalId: 'user_profile', displayName: 'Pat', locale: 'de-DE', timeZone: 'Europe/Berlin',
    });
    const second = VisitorSessionSchema.parse(await (await patch(token, { locale: null })).json());
    expect(second).toMatchObject({ locale: null, timeZone: 'Europe/Berlin' });
    expect(await settingsOf('user_profile')).toEqual({ locale: null, time_zone: 'Europe/Berlin' });
  });

  it('works for anonymous visitors with their anonymous token', async () => {
    const boot = (await (await h.call('/v1/visitor/bootstrap', { site })).json()) as { visitor: { anonymousToken: string; contactId: string } };
    const response = await patch(boot.visitor.anonymousToken, { timeZone: 'Asia/Tokyo' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: 'anonymous', contactId: boot.visitor.contactId, timeZone: 'Asia/Tokyo' });
  });

  it('needs a visitor token', async () => {
    const response = await patch(undefined, { locale: 'en-GB' });
    expect(response.status).toBe(401);
    expect((await readError(response)).code).toBe('unauthorized');
  });

  it("never lets visitor A touch visitor B: no body, query or header selects a contact", async () => {
    const tokenA = await h.tokenFor(site, 'user_a');
    const tokenB = await h.tokenFor(site, 'user_b');
    await patch(tokenB, { locale: 'pt-BR' });
    const bId = ((await (await patch(tokenB, {})).json()) as { contactId: string }).contactId;

    const attempts = [
      await patch(tokenA, { locale: 'es-ES', externalId: 'user_b' }),
      await patch(tokenA, { locale: 'es-ES', contactId: bId }),
      await h.call(`${PROFILE}?externalId=user_b`, { site, method: 'PATCH', bearer: tokenA, body: { locale: 'es-ES' } }),
      await h.call(`${PROFILE}?contactId=${bId}`, { site, method: 'PATCH', bearer: tokenA, body: { locale: 'es-ES' } }),
    ];
    for (const response of attempts) expect(response.status).toBe(422);
    const own = await patch(tokenA, { locale: 'es-ES' }, { 'x-rapport-contact-id': bId, 'x-rapport-external-id': 'user_b' });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { externalId: string }).externalId).toBe('user_a');
    expect(await settingsOf('user_b')).toEqual({ locale: 'pt-BR', time_zone: null });
    expect(await settingsOf('user_a')).toEqual({ locale: 'es-ES', time_zone: null });

    const bootA = (await (await h.call('/v1/visitor/bootstrap?contactId=' + bId, { site, bearer: tokenA })).json()) as object;
    expect(JSON.stringify(bootA)).not.toContain(bId);
    const bootAPlain = (await (await h.call('/v1/visitor/bootstrap', { site, bearer: tokenA })).json()) as { visitor: { externalId: string; locale: string } };
    expect(bootAPlain.visitor).toMatchObject({ externalId: 'user_a', locale: 'es-ES' });
  });
});

describe('bad input on PATCH /v1/visitor/profile is a 4xx envelope, never a 5xx', () => {
  let token: string;
  beforeAll(async () => {
    token = await h.tokenFor(site, 'user_bad_input');
  });

  it('malformed JSON → 400 bad_request', async () => {
    for (const body of ['{', '{"locale": }', 'nope', '"unterminated']) {
      const response = await patch(token, body);
      expect(response.status, body).toBe(400);
      expect((await readError(response)).code).toBe('bad_request');
    }
  });

  it('an empty body → 400 bad_request', async () => {
    const response = await h.call(PROFILE, { site, method: 'PATCH', bearer: token, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
  });

  it('wrong types, invalid values and non-objects → 422 validation_failed with issues per field', async () => {
    const response = await patch(token, { locale: 42, timeZone: 'Mars/Olympus_Mons' });
    expect(response.status).toBe(422);
    const error = await readError(response);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['locale'], code: 'invalid_type', message: 'Expected string' }),
        expect.objectContaining({ path: ['timeZone'], message: 'Not an IANA time zone' }),
      ]),
    );
    for (const body of [[], 'null', '"text"', '7']) expect((await patch(token, body)).status).toBe(422);
  });

  it('unknown fields → 422 naming each field', async () => {
    const response = await patch(token, { locale: 'en-GB', admin: true, __proto__x: 1 });
    expect(response.status).toBe(422);
    const error = await readError(response);
    expect(error.issues).toEqual([
      { path: ['admin'], message: 'Unknown field', code: 'unrecognized_keys' },
      { path: ['__proto__x'], message: 'Unknown field', code: 'unrecognized_keys' },
    ]);
  });

  it('a __proto__ key is an unknown field, not a prototype change', async () => {
    const response = await patch(token, '{"__proto__": {"locale": "en"}, "locale": "en-GB"}');
    expect(response.status).toBe(422);
  });

  it('a wrong or missing content type → 415 unsupported_media_type', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await patch(token, '{"locale":"en-GB"}', { 'content-type': type });
      expect(response.status, type).toBe(415);
      expect((await readError(response)).code).toBe('unsupported_media_type');
    }
    const none = await h.app.request(PROFILE, {
      method: 'PATCH',
      headers: { 'x-rapport-key': site.publishableKey, authorization: `Bearer ${token}` },
      body: new Blob(['{"locale":"en-GB"}']),
    });
    expect(none.status).toBe(415);
    expect((await patch(token, { locale: 'en-GB' }, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('a body over 16 KiB → 413, by Content-Length and when streamed without one', async () => {
    const big = JSON.stringify({ locale: 'en-GB', pad: 'x'.repeat(20_000) });
    const declared = await patch(token, big, { 'content-length': String(big.length) });
    expect(declared.status).toBe(413);
    expect((await readError(declared)).code).toBe('payload_too_large');
    // Refused from the header alone, before any of the body is read.
    const announced = await patch(token, { locale: 'en-GB' }, { 'content-length': '999999' });
    expect(announced.status).toBe(413);

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const streamed = await h.app.request(PROFILE, {
      method: 'PATCH',
      headers: { 'x-rapport-key': site.publishableKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await readError(streamed)).code).toBe('payload_too_large');
  });

  it('an invalid Content-Length → 400 bad_request', async () => {
    const response = await patch(token, { locale: 'en-GB' }, { 'content-length': 'abc' });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('bad_request');
  });
});
