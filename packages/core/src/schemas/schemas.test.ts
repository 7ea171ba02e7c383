import { describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from './error.js';
import { LocaleSchema, TimeZoneSchema, TimestampSchema, TraitsSchema } from './common.js';
import { ContactUpsertSchema } from './contact.js';
import { VisitorTokenClaimsSchema } from './visitor.js';

describe('contract schemas', () => {
  it('accepts real locales and time zones, refuses made-up ones', () => {
    expect(LocaleSchema.safeParse('pt-BR').success).toBe(true);
    expect(LocaleSchema.safeParse('not a locale').success).toBe(false);
    expect(TimeZoneSchema.safeParse('America/New_York').success).toBe(true);
    expect(TimeZoneSchema.safeParse('Mars/Olympus_Mons').success).toBe(false);
  });

  it('limits traits to 50 flat values', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expect(TraitsSchema.safeParse({ plan: 'pro', seats: 3, vip: true, note: null }).success).toBe(true);
    expect(TraitsSchema.safeParse(many).success).toBe(false);
    expect(TraitsSchema.safeParse({ nested: { a: 1 } }).success).toBe(false);
  });

  it('refuses unknown fields in request bodies', () => {
    const result = ContactUpsertSchema.safeParse({ traits: {}, externalId: 'someone-else' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('requires exp in visitor token claims', () => {
    expect(VisitorTokenClaimsSchema.safeParse({ sub: 'u1' }).success).toBe(false);
    expect(VisitorTokenClaimsSchema.safeParse({ sub: 'u1', exp: 1_900_000_000 }).success).toBe(true);
    expect(VisitorTokenClaimsSchema.safeParse({ sub: 'has space', exp: 1 }).success).toBe(false);
  });

  it('describes the error envelope', () => {
    expect(ErrorEnvelopeSchema.safeParse({ error: { code: 'not_found', message: 'No such contact', requestId: 'r1' } }).success).toBe(true);
    expect(ErrorEnvelopeSchema.safeParse({ error: { code: 'not_found' } }).success).toBe(false);
  });
});

describe('TimestampSchema', () => {
  it('accepts RFC 3339 date-times with Z or an offset, with or without seconds and fractions', () => {
    for (const value of ['2026-11-23T09:30:00.000Z', '2026-11-23T09:30Z', '2024-02-29T23:59:59+05:30', '2026-03-29T01:30:00.123456-04:00']) {
      expect(TimestampSchema.safeParse(value).success, value).toBe(true);
    }
  });

  it('refuses dates that do not exist, out-of-range times, missing offsets and other shapes', () => {
    for (const value of [
      '2026-02-29T00:00:00Z', '2026-04-31T10:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z',
      '2026-01-01T23:60:00Z', '2026-01-01T10:00:00', '2026-01-01', '2026-01-01 10:00:00Z', 'yesterday', '',
    ]) {
      expect(TimestampSchema.safeParse(value).success, value).toBe(false);
    }
  });
});
