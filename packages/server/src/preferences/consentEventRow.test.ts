import { describe, expect, it } from 'vitest';
import { createRandom } from '../testing/createRandom.js';
import { consentEventHash, consentRowHash, toConsentEvent, type ConsentEventRow } from './consentEventRow.js';

const TEXTS = ['', 'plain', 'quote " and \\ backslash', 'line\nbreak\ttab\u0001\u001f', 'ünïcødé ✓ 𝄞 \u2028', '{"json":[1,2]}', '/slash/'];

describe('consentRowHash', () => {
  it('equals the hash of the event built from the same row (canonical JSON of the event), over 500 random rows', () => {
    const random = createRandom(17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const maybe = <T>(value: T): T | null => (random() < 0.4 ? null : value);
    const at = () => new Date(Math.floor(random() * 4_000_000_000_000));
    for (let n = 0; n < 500; n += 1) {
      const row: ConsentEventRow = {
        id: `cev_${n}_${pick(TEXTS)}`,
        sequence: 1 + Math.floor(random() * 1000),
        contact_id: `ct_${pick(TEXTS)}`,
        topic_id: maybe(pick(TEXTS)),
        channel: maybe(pick(['email', 'sms', 'push', 'post', 'phone'] as const)),
        action: pick(['granted', 'withdrawn', 'pending', 'frequency', 'paused', 'resumed', 'unsubscribed_all', 'resubscribed_all'] as const),
        frequency: maybe(pick(['immediately', 'daily', 'weekly'] as const)),
        paused_until: maybe(at()),
        source: pick(['widget', 'confirmation_link', 'one_click', 'admin', 'api'] as const),
        wording: pick(TEXTS),
        wording_hash: pick(TEXTS),
        catalog_version: Math.floor(random() * 50),
        locale: maybe(pick(['en', 'fr-CA', TEXTS[3]!])),
        occurred_at: at(),
        confirmed_at: maybe(at()),
        previous_hash: maybe('ab'.repeat(32)),
        hash: 'cd'.repeat(32),
      };
      const { hash: _hash, ...unhashed } = toConsentEvent(row);
      const iso = (date: Date | null) => date?.toISOString() ?? null;
      const textRow = { ...row, paused_until: iso(row.paused_until), occurred_at: row.occurred_at.toISOString(), confirmed_at: iso(row.confirmed_at) };
      expect(consentRowHash(textRow), `row ${n}`).toBe(consentEventHash(unhashed));
    }
  });
});
