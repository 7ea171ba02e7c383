import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signVisitorToken } from './signVisitorToken.js';

const now = new Date('2026-11-23T09:00:00.000Z');
const secret = 'identity-secret-0123456789abcdefghijklmn';
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('signVisitorToken', () => {
  it('signs an HS256 JWT over the identity secret with the claims the server reads', async () => {
    const token = await signVisitorToken({ secret, externalId: 'user_ada', siteId: 'site_1', name: 'Ada', email: 'ada@example.com', now });
    const [header, payload, signature] = token.split('.');
    expect(decode(header!)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const iat = now.getTime() / 1000;
    expect(decode(payload!)).toEqual({ sub: 'user_ada', iat, exp: iat + 3600, aud: 'site_1', name: 'Ada', email: 'ada@example.com' });
    expect(signature).toBe(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'));
  });

  it('honours the lifetime and leaves out the claims not given', async () => {
    const token = await signVisitorToken({ secret, externalId: 'user_ada', expiresInSeconds: 60, now });
    expect(decode(token.split('.')[1]!)).toEqual({ sub: 'user_ada', iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 60 });
  });

  it('refuses a missing secret or external id and a bad lifetime', async () => {
    await expect(signVisitorToken({ secret: '', externalId: 'user_ada' })).rejects.toThrow(TypeError);
    await expect(signVisitorToken({ secret, externalId: '' })).rejects.toThrow(TypeError);
    await expect(signVisitorToken({ secret, externalId: 'user_ada', expiresInSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(signVisitorToken({ secret, externalId: 'user_ada', expiresInSeconds: 1.5 })).rejects.toThrow(RangeError);
  });
});
