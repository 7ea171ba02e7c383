import { describe, expect, it } from 'vitest';
import { base64UrlEncode, base64UrlEncodeText } from '../crypto/base64url.js';
import { signHs256 } from './hs256.js';
import { signVisitorToken } from './signVisitorToken.js';
import { verifyVisitorToken } from './verifyVisitorToken.js';

const secret = 'test-identity-secret-0123456789abcdef';
const now = new Date('2026-11-23T09:00:00.000Z');
const nowSeconds = now.getTime() / 1000;

async function hmac(input: string, key = secret): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64UrlEncode(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(input))));
}

async function forge(header: object, claims: object, key = secret): Promise<string> {
  const input = `${base64UrlEncodeText(JSON.stringify(header))}.${base64UrlEncodeText(JSON.stringify(claims))}`;
  return `${input}.${await hmac(input, key)}`;
}

describe('signVisitorToken / verifyVisitorToken', () => {
  it('round-trips the claims of a signed token', async () => {
    const token = await signVisitorToken({ secret, externalId: 'user_ada', name: 'Ada', email: 'ada@example.com', siteId: 'site_1', now, expiresInSeconds: 600 });
    const result = await verifyVisitorToken({ token, secret, siteId: 'site_1', now });
    expect(result).toEqual({
      ok: true,
      claims: { sub: 'user_ada', name: 'Ada', email: 'ada@example.com', aud: 'site_1', iat: nowSeconds, exp: nowSeconds + 600 },
    });
  });

  it('matches a token made by any HS256 implementation over the UTF-8 secret', async () => {
    const token = await forge({ alg: 'HS256', typ: 'JWT' }, { sub: 'user_ada', exp: nowSeconds + 60 });
    expect((await verifyVisitorToken({ token, secret, now })).ok).toBe(true);
  });

  it('refuses alg none, other algorithms and a missing alg, whatever the signature', async () => {
    const claims = { sub: 'user_ada', exp: nowSeconds + 60 };
    const none = `${base64UrlEncodeText(JSON.stringify({ alg: 'none' }))}.${base64UrlEncodeText(JSON.stringify(claims))}.`;
    expect(await verifyVisitorToken({ token: none, secret, now })).toEqual({ ok: false, reason: 'unsupported_algorithm' });
    for (const alg of ['RS256', 'HS512', 'hs256', 'ES256', undefined]) {
      const token = await forge({ alg, typ: 'JWT' }, claims);
      expect(await verifyVisitorToken({ token, secret, now })).toEqual({ ok: false, reason: 'unsupported_algorithm' });
    }
  });

  it('refuses a wrong signature, a token signed with another secret and a tampered payload', async () => {
    const token = await signVisitorToken({ secret, externalId: 'user_ada', now });
    const [h, p, s] = token.split('.') as [string, string, string];
    const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(await verifyVisitorToken({ token: flipped, secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
    const other = await signVisitorToken({ secret: 'another-site-secret-xxxxxxxxxxxxxxxx', externalId: 'user_ada', now });
    expect(await verifyVisitorToken({ token: other, secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
    const tampered = `${h}.${base64UrlEncodeText(JSON.stringify({ sub: 'user_grace', exp: nowSeconds + 3600 }))}.${s}`;
    expect(await verifyVisitorToken({ token: tampered, secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('requires exp, and allows at most 30 seconds of clock skew', async () => {
    const noExp = await forge({ alg: 'HS256' }, { sub: 'user_ada' });
    expect(await verifyVisitorToken({ token: noExp, secret, now })).toEqual({ ok: false, reason: 'invalid_claims' });
    const token = await signVisitorToken({ secret, externalId: 'user_ada', now, expiresInSeconds: 60 });
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect((await verifyVisitorToken({ token, secret, now: at(89) })).ok).toBe(true);
    expect(await verifyVisitorToken({ token, secret, now: at(90) })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses tokens not valid yet (nbf, iat in the future beyond the skew)', async () => {
    const nbf = await forge({ alg: 'HS256' }, { sub: 'a', exp: nowSeconds + 600, nbf: nowSeconds + 120 });
    expect(await verifyVisitorToken({ token: nbf, secret, now })).toEqual({ ok: false, reason: 'not_yet_valid' });
    const iat = await forge({ alg: 'HS256' }, { sub: 'a', exp: nowSeconds + 600, iat: nowSeconds + 120 });
    expect(await verifyVisitorToken({ token: iat, secret, now })).toEqual({ ok: false, reason: 'not_yet_valid' });
  });

  it('checks aud against the site only when both are present', async () => {
    const token = await signVisitorToken({ secret, externalId: 'user_ada', siteId: 'site_a', now });
    expect(await verifyVisitorToken({ token, secret, siteId: 'site_b', now })).toEqual({ ok: false, reason: 'wrong_audience' });
    const noAud = await signVisitorToken({ secret, externalId: 'user_ada', now });
    expect((await verifyVisitorToken({ token: noAud, secret, siteId: 'site_b', now })).ok).toBe(true);
  });

  it('refuses malformed tokens and invalid claims', async () => {
    const cases = ['', 'abc', 'a.b', 'a.b.c.d', '!!.??.**', `${base64UrlEncodeText('not json')}.e30.sig`, 'x'.repeat(9000)];
    for (const token of cases) {
      const result = await verifyVisitorToken({ token, secret, now });
      expect(result.ok, token.slice(0, 20)).toBe(false);
    }
    const badSub = await forge({ alg: 'HS256' }, { sub: 'has space', exp: nowSeconds + 60 });
    expect(await verifyVisitorToken({ token: badSub, secret, now })).toEqual({ ok: false, reason: 'invalid_claims' });
    const crit = await forge({ alg: 'HS256', crit: ['exp'] }, { sub: 'a', exp: nowSeconds + 60 });
    expect(await verifyVisitorToken({ token: crit, secret, now })).toEqual({ ok: false, reason: 'malformed' });
    const arrayPayload = `${base64UrlEncodeText('{"alg":"HS256"}')}.${base64UrlEncodeText('[1]')}`;
    expect(await verifyVisitorToken({ token: `${arrayPayload}.${await hmac(arrayPayload)}`, secret, now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('signs anonymous tokens the same way', async () => {
    const token = await signHs256({ sub: 'anon_x', anon: true, aud: 's', exp: nowSeconds + 5 }, secret);
    expect(await verifyVisitorToken({ token, secret, siteId: 's', now })).toMatchObject({ ok: true, claims: { anon: true } });
  });

  it('refuses to sign with bad options', async () => {
    await expect(signVisitorToken({ secret: '', externalId: 'a' })).rejects.toThrow();
    await expect(signVisitorToken({ secret, externalId: '' })).rejects.toThrow();
    await expect(signVisitorToken({ secret, externalId: 'a', expiresInSeconds: 0 })).rejects.toThrow();
  });
});
