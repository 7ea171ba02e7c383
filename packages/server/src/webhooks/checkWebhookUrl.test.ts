import { describe, expect, it } from 'vitest';
import { webhookUrlRefusal, webhookUrlSyntaxRefusal } from './checkWebhookUrl.js';
import { blockedAddressKind } from './isBlockedAddress.js';

const strict = { resolveHost: async () => ['93.184.216.34'] };

describe('webhook URLs: no SSRF', () => {
  it.each([
    ['http://hooks.example.com/x', 'https'],
    ['https://user:pw@hooks.example.com/x', 'user name or password'],
    ['https://127.0.0.1/x', 'loopback'],
    ['https://127.1/x', 'loopback'],
    ['https://2130706433/x', 'loopback'],
    ['https://10.1.2.3/x', 'private'],
    ['https://172.20.0.1/x', 'private'],
    ['https://192.168.1.1/x', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://100.64.0.1/x', 'CGNAT'],
    ['https://[::1]/x', 'loopback'],
    ['https://[fd00::1]/x', 'private'],
    ['https://[fe80::1]/x', 'link-local'],
    ['https://[::ffff:127.0.0.1]/x', 'loopback'],
    ['https://[::ffff:a9fe:a9fe]/x', 'link-local'],
    ['https://0.0.0.0/x', 'unspecified'],
    ['https://[::]/x', 'unspecified'],
    ['https://224.0.0.1/x', 'multicast'],
    ['https://localhost/x', 'this machine'],
    ['https://api.localhost./x', 'this machine'],
    ['ftp://hooks.example.com/x', 'https'],
    ['not a url', 'absolute URL'],
  ])('refuses %s', async (url, why) => {
    expect(await webhookUrlRefusal(url, strict)).toContain(why);
  });

  it('refuses a host name that resolves to an internal address (any of its addresses)', async () => {
    const resolveHost = async (host: string) => (host === 'rebind.example.com' ? ['93.184.216.34', '127.0.0.1'] : ['10.0.0.7']);
    expect(await webhookUrlRefusal('https://rebind.example.com/x', { resolveHost })).toBe(
      'rebind.example.com resolves to 127.0.0.1, a loopback, private, link-local or shared (CGNAT) address',
    );
    expect(await webhookUrlRefusal('https://internal.example.com/x', { resolveHost })).toContain('resolves to 10.0.0.7');
  });

  it('accepts https to public addresses, and a name that does not resolve yet (checked again at every send)', async () => {
    expect(await webhookUrlRefusal('https://hooks.example.com/rapport?x=1', strict)).toBeNull();
    expect(await webhookUrlRefusal('https://93.184.216.34/x', strict)).toBeNull();
    expect(await webhookUrlRefusal('https://[2606:4700::1111]/x', strict)).toBeNull();
    const unresolvable = { resolveHost: () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })) };
    expect(await webhookUrlRefusal('https://not-yet.example.com/x', unresolvable)).toBeNull();
  });

  it('with the development allowance, accepts http and private addresses, never credentials or unspecified ones', () => {
    const dev = { allowPrivateNetworks: true };
    expect(webhookUrlSyntaxRefusal('http://127.0.0.1:3000/hooks', dev)).toBeNull();
    expect(webhookUrlSyntaxRefusal('http://localhost:3000/hooks', dev)).toBeNull();
    expect(webhookUrlSyntaxRefusal('http://10.0.0.2/hooks', dev)).toBeNull();
    expect(webhookUrlSyntaxRefusal('http://u:p@127.0.0.1/hooks', dev)).toContain('password');
    expect(webhookUrlSyntaxRefusal('http://0.0.0.0/hooks', dev)).toContain('unspecified');
  });

  it('judges IPv6 forms that carry an IPv4 address by that address', () => {
    expect(blockedAddressKind('::ffff:7f00:1')).toBe('internal');
    expect(blockedAddressKind('64:ff9b::a9fe:a9fe')).toBe('internal');
    expect(blockedAddressKind('2002:0a00:0001::')).toBe('internal');
    expect(blockedAddressKind('::ffff:8.8.8.8')).toBeNull();
    expect(blockedAddressKind('fe80::1%eth0')).toBe('internal');
  });
});
