import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode } from './base64url.js';
import { constantTimeEqual } from './constantTimeEqual.js';
import { newId, randomAlphanumeric } from './random.js';
import { fromHex, sha256Hex, toHex } from './sha256.js';

describe('crypto helpers', () => {
  it('constantTimeEqual compares contents and lengths', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([0]), new Uint8Array([]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });

  it('base64url round-trips every byte value and rejects other alphabets', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = base64UrlEncode(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(base64UrlDecode(text)).toEqual(bytes);
    expect(base64UrlDecode('a+b/')).toBeNull();
    expect(base64UrlDecode('abcde')).toBeNull();
  });

  it('sha256Hex matches the known vector; hex round-trips', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(fromHex('00ff10') ?? new Uint8Array())).toBe('00ff10');
    expect(fromHex('0g')).toBeNull();
  });

  it('makes prefixed alphanumeric ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('ct')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^ct_[0-9A-Za-z]{22}$/);
    expect(randomAlphanumeric(5)).toHaveLength(5);
  });
});
