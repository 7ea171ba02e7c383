import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './isOriginAllowed.js';

const allowed = ['https://shop.example.com', 'https://*.example.org', 'http://localhost:5173'];

describe('isOriginAllowed', () => {
  it.each([
    ['https://shop.example.com', true],
    ['HTTPS://Shop.Example.com', true],
    ['http://shop.example.com', false],
    ['https://shop.example.com:8443', false],
    ['https://evil-shop.example.com', false],
    ['https://shop.example.com.evil.net', false],
    ['https://a.example.org', true],
    ['https://a.b.example.org', true],
    ['https://example.org', false],
    ['https://.example.org', false],
    ['https://a..example.org', false],
    ['https://evilexample.org', false],
    ['http://a.example.org', false],
    ['https://a.example.org:444', false],
    ['http://localhost:5173', true],
    ['http://localhost:5174', false],
    ['null', false],
    ['', false],
    ['https://shop.example.com/path', false],
  ])('%s → %s', (origin, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected);
  });

  it('allows nothing with an empty list', () => {
    expect(isOriginAllowed('https://shop.example.com', [])).toBe(false);
  });
});
