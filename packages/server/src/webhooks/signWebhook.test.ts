import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook } from './signWebhook.js';

describe('signWebhook (Standard Webhooks)', () => {
  it('matches the specification’s published test vector', () => {
    // libraries/javascript/src/webhook.test.ts ("sign function works") of github.com/standard-webhooks/standard-webhooks,
    // the same vector as its Go, C# and Java libraries.
    const headers = signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: new Date(1614265330 * 1000),
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('signs with every secret during a rotation, space-separated, each verifiable alone', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const body = JSON.stringify({ type: 'webhook.test', timestamp: '2026-11-23T09:00:00.000Z', data: { message: 'héllo' } });
    const at = new Date('2026-11-23T09:00:00.750Z');
    const headers = signWebhook({ id: 'msg_1', timestamp: at, body, secrets: [current, previous] });
    const expected = (secret: string) =>
      `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`msg_1.${Math.floor(at.getTime() / 1000)}.${body}`).digest('base64')}`;
    expect(headers['webhook-timestamp']).toBe('1795424400');
    expect(headers['webhook-signature'].split(' ')).toEqual([expected(current), expected(previous)]);
  });

  it('makes secrets of 32 random bytes, whsec_ and base64', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
  });

  it('refuses to sign without a secret', () => {
    expect(() => signWebhook({ id: 'msg_1', timestamp: new Date(), body: '{}', secrets: [] })).toThrow(TypeError);
    expect(() => signWebhook({ id: 'msg_1', timestamp: new Date(), body: '{}', secrets: ['whsec_'] })).toThrow(TypeError);
  });
});
