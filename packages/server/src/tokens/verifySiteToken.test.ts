import { describe, expect, it } from 'vitest';
import { signHs256 } from './hs256.js';
import { issueAnonymousToken } from './issueAnonymousToken.js';
import { signVisitorToken } from './signVisitorToken.js';
import { verifySiteToken } from './verifySiteToken.js';

const now = new Date('2026-11-23T09:00:00.000Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(now.getTime() + ms);
const oldSecret = 'old-identity-secret-0123456789abcdefghij';
const newSecret = 'new-identity-secret-0123456789abcdefghij';
const serverSecret = 'server-secret-0123456789abcdefghijklmnop';

/** The site after a rotation at `now` with a 7-day grace. */
const rotated = {
  id: 'site_1',
  identitySecret: newSecret,
  previousIdentitySecret: { secret: oldSecret, validUntil: at(7 * 24 * HOUR) },
  serverSecret,
};

describe('verifySiteToken', () => {
  it('verifies a token signed with the previous identity secret during the grace period, not after', async () => {
    const token = await signVisitorToken({ secret: oldSecret, externalId: 'user_ada', siteId: 'site_1', now, expiresInSeconds: 30 * 86_400 });
    expect(await verifySiteToken({ token, site: rotated, now: at(HOUR) })).toMatchObject({ ok: true, claims: { sub: 'user_ada' } });
    expect(await verifySiteToken({ token, site: rotated, now: at(7 * 24 * HOUR - 1000) })).toMatchObject({ ok: true });
    expect(await verifySiteToken({ token, site: rotated, now: at(7 * 24 * HOUR) })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifySiteToken({ token, site: { ...rotated, previousIdentitySecret: null }, now: at(HOUR) })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('verifies tokens signed with the new identity secret, during the grace period and after', async () => {
    const token = await signVisitorToken({ secret: newSecret, externalId: 'user_ada', now, expiresInSeconds: 30 * 86_400 });
    expect(await verifySiteToken({ token, site: rotated, now: at(HOUR) })).toMatchObject({ ok: true });
    expect(await verifySiteToken({ token, site: rotated, now: at(8 * 24 * HOUR) })).toMatchObject({ ok: true });
  });

  it('still checks expiry and audience on a token signed with the previous secret', async () => {
    const expired = await signVisitorToken({ secret: oldSecret, externalId: 'user_ada', now, expiresInSeconds: 60 });
    expect(await verifySiteToken({ token: expired, site: rotated, now: at(HOUR) })).toEqual({ ok: false, reason: 'expired' });
    const other = await signVisitorToken({ secret: oldSecret, externalId: 'user_ada', siteId: 'site_2', now });
    expect(await verifySiteToken({ token: other, site: rotated, now })).toEqual({ ok: false, reason: 'wrong_audience' });
    const stranger = await signVisitorToken({ secret: 'some-other-secret-0123456789abcdefghijk', externalId: 'user_ada', now });
    expect(await verifySiteToken({ token: stranger, site: rotated, now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('verifies anonymous tokens with the server secret only, across any rotation', async () => {
    const { token } = await issueAnonymousToken({ ...rotated, slug: 's', name: 'S', defaultLocale: 'en', enabledWidgets: [], createdAt: now }, now, 365 * 86_400);
    const later = { ...rotated, identitySecret: 'rotated-again-0123456789abcdefghijklmnop', previousIdentitySecret: null };
    expect(await verifySiteToken({ token, site: later, now: at(200 * 24 * HOUR) })).toMatchObject({ ok: true, claims: { anon: true, aud: 'site_1' } });
    // The identity secret, which the business holds, cannot mint anonymous identities.
    const forged = await signHs256({ sub: 'anon_x', anon: true, aud: 'site_1', exp: now.getTime() / 1000 + 600 }, newSecret);
    expect(await verifySiteToken({ token: forged, site: rotated, now })).toEqual({ ok: false, reason: 'bad_signature' });
    const noAudience = await signHs256({ sub: 'anon_x', anon: true, exp: now.getTime() / 1000 + 600 }, serverSecret);
    expect(await verifySiteToken({ token: noAudience, site: rotated, now })).toEqual({ ok: false, reason: 'wrong_audience' });
  });

  it('refuses malformed tokens whatever secrets the site has', async () => {
    for (const token of ['', 'a.b', 'a.b.c', `x.${Buffer.from('{"anon":true,"aud":"site_1"}').toString('base64url')}.sig`]) {
      expect((await verifySiteToken({ token, site: rotated, now })).ok, token).toBe(false);
    }
  });
});
