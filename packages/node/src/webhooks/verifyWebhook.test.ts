import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from './verifyWebhook.js';
import type { WebhookVerificationErrorCode } from './WebhookVerificationError.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const previous = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`;
const id = 'msg_2Yx8fQk1';
const body = JSON.stringify({
  type: 'preferences.unsubscribed_all',
  timestamp: now.toISOString(),
  data: { contact: { id: 'ct_1', externalId: 'user_ada' }, source: 'one_click', consentEventId: 'ce_1' },
});

/** Headers signed by the independent Standard Webhooks library, with each of `secrets`. */
function signed(secrets: string[], at = now, payload = body): Record<string, string> {
  const signatures = secrets.map((key) => new Webhook(key).sign(id, at, payload));
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signatures.join(' ') };
}

async function refusal(promise: Promise<unknown>): Promise<WebhookVerificationErrorCode | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    expect(error).toMatchObject({ name: 'WebhookVerificationError' });
    return (error as { code: WebhookVerificationErrorCode }).code;
  }
}

describe('verifyWebhook', () => {
  it('accepts what the standardwebhooks package signs, and returns the typed event', async () => {
    const event = await verifyWebhook(signed([secret]), body, secret, { now });
    expect(event.type).toBe('preferences.unsubscribed_all');
    if (event.type === 'preferences.unsubscribed_all') expect(event.data.contact.externalId).toBe('user_ada');
  });

  it('takes a Headers object, a plain record in any case, and the body as bytes', async () => {
    const headers = signed([secret]);
    const shouting = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value]));
    await expect(verifyWebhook(new Headers(headers), body, secret, { now })).resolves.toMatchObject({ type: 'preferences.unsubscribed_all' });
    await expect(verifyWebhook(shouting, new TextEncoder().encode(body), secret, { now })).resolves.toBeTruthy();
    await expect(verifyWebhook(headers, new TextEncoder().encode(body).buffer, secret, { now })).resolves.toBeTruthy();
  });

  it('refuses a tampered body', async () => {
    const tampered = body.replace('user_ada', 'user_eve');
    expect(await refusal(verifyWebhook(signed([secret]), tampered, secret, { now }))).toBe('bad_signature');
  });

  it('refuses the wrong secret', async () => {
    expect(await refusal(verifyWebhook(signed([secret]), body, previous, { now }))).toBe('bad_signature');
  });

  it('refuses a timestamp ten minutes off, either way, and honours the tolerance', async () => {
    const tenMinutes = 10 * 60_000;
    expect(await refusal(verifyWebhook(signed([secret], new Date(now.getTime() - tenMinutes)), body, secret, { now }))).toBe('timestamp_out_of_range');
    expect(await refusal(verifyWebhook(signed([secret], new Date(now.getTime() + tenMinutes)), body, secret, { now }))).toBe('timestamp_out_of_range');
    const fourMinutes = signed([secret], new Date(now.getTime() - 4 * 60_000));
    await expect(verifyWebhook(fourMinutes, body, secret, { now })).resolves.toBeTruthy();
    expect(await refusal(verifyWebhook(fourMinutes, body, secret, { now, toleranceSeconds: 60 }))).toBe('timestamp_out_of_range');
  });

  it('refuses a missing or empty header, and a malformed timestamp', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const { [name]: _dropped, ...rest } = signed([secret]);
      expect(await refusal(verifyWebhook(rest, body, secret, { now })), name).toBe('missing_header');
      expect(await refusal(verifyWebhook({ ...rest, [name]: '' }, body, secret, { now })), name).toBe('missing_header');
    }
    expect(await refusal(verifyWebhook({ ...signed([secret]), 'webhook-timestamp': '17e8' }, body, secret, { now }))).toBe('bad_timestamp');
  });

  it('during a rotation, one matching signature of two is enough, and either secret of two', async () => {
    await expect(verifyWebhook(signed([previous, secret]), body, secret, { now })).resolves.toBeTruthy();
    await expect(verifyWebhook(signed([secret]), body, [previous, secret], { now })).resolves.toBeTruthy();
    const other = `whsec_${Buffer.from('another-key-another-key-another!').toString('base64')}`;
    expect(await refusal(verifyWebhook(signed([other, previous]), body, secret, { now }))).toBe('bad_signature');
  });

  it('ignores signatures of other versions and refuses malformed ones', async () => {
    const headers = signed([secret]);
    const v1 = headers['webhook-signature']!.slice(3);
    expect(await refusal(verifyWebhook({ ...headers, 'webhook-signature': `v2,${v1}` }, body, secret, { now }))).toBe('bad_signature');
    expect(await refusal(verifyWebhook({ ...headers, 'webhook-signature': 'v1,not base64!' }, body, secret, { now }))).toBe('bad_signature');
  });

  it('refuses a secret that is not whsec_<base64>, and a signed body that is not a Rapport event', async () => {
    expect(await refusal(verifyWebhook(signed([secret]), body, 'whsec_***', { now }))).toBe('bad_secret');
    expect(await refusal(verifyWebhook(signed([secret]), body, [], { now }))).toBe('bad_secret');
    const notAnEvent = JSON.stringify({ type: 'something.else', data: {} });
    expect(await refusal(verifyWebhook(signed([secret], now, notAnEvent), notAnEvent, secret, { now }))).toBe('bad_payload');
    expect(await refusal(verifyWebhook(signed([secret], now, 'not json'), 'not json', secret, { now }))).toBe('bad_payload');
  });

  it('passes on an event type a newer server sends, and refuses a known type whose data does not match it', async () => {
    const newer = JSON.stringify({ type: 'loyalty.voucher.issued', timestamp: now.toISOString(), data: { voucher: 'v1' } });
    const event = await verifyWebhook(signed([secret], now, newer), newer, secret, { now });
    expect(event).toEqual({ type: 'unknown', eventType: 'loyalty.voucher.issued', timestamp: now.toISOString(), data: { voucher: 'v1' } });
    const broken = JSON.stringify({ type: 'preferences.changed', timestamp: now.toISOString(), data: { contact: 42 } });
    expect(await refusal(verifyWebhook(signed([secret], now, broken), broken, secret, { now }))).toBe('bad_payload');
  });
});
