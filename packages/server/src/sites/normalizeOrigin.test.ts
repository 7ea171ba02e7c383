import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from '../auth/isOriginAllowed.js';
import { normalizeOrigin } from './normalizeOrigin.js';
import { slugify } from './registerSite.js';
import { SiteAdminError } from './SiteAdminError.js';

describe('normalizeOrigin', () => {
  it('returns the origin as a browser sends it', () => {
    expect(normalizeOrigin(' HTTPS://Shop.Example.COM/ ')).toBe('https://shop.example.com');
    expect(normalizeOrigin('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(normalizeOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(normalizeOrigin('http://[::1]:3000')).toBe('http://[::1]:3000');
    expect(normalizeOrigin('https://bücher.example')).toBe('https://xn--bcher-kva.example');
    expect(normalizeOrigin('https://*.Example.org:8443')).toBe('https://*.example.org:8443');
  });

  it('gives origins that isOriginAllowed matches', () => {
    const allowed = [normalizeOrigin('https://*.example.org:8443'), normalizeOrigin('HTTP://LOCALHOST:5173/')];
    expect(isOriginAllowed('https://a.b.example.org:8443', allowed)).toBe(true);
    expect(isOriginAllowed('http://localhost:5173', allowed)).toBe(true);
    expect(isOriginAllowed('https://example.org:8443', allowed)).toBe(false);
  });

  it('refuses what is not an origin, with the code invalid_origin', () => {
    for (const bad of ['*', 'null', '', 'https://', 'shop.example.com', 'localhost:5173', 'javascript:alert(1)', 'file:///etc/passwd',
      'https://shop.example.com/path', 'https://shop.example.com?x=1', 'https://shop.example.com#top', 'https://u:p@shop.example.com',
      'https://*', 'https://*.com', 'https://a.*.example.com', 'https://shop.example.com:99999']) {
      expect(() => normalizeOrigin(bad), bad).toThrow(SiteAdminError);
      try {
        normalizeOrigin(bad);
      } catch (error) {
        expect((error as SiteAdminError).code).toBe('invalid_origin');
      }
    }
  });
});

describe('slugify', () => {
  it('makes a URL-safe slug from a name', () => {
    expect(slugify('Acme Tea')).toBe('acme-tea');
    expect(slugify('  Café Olé & Co. ')).toBe('cafe-ole-co');
    expect(slugify('茶')).toBe('');
  });
});
