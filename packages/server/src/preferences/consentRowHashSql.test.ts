import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../testing/createRandom.js';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from '../testing/createTestStore.js';
import { consentRowHash, consentRowHashSql, type ConsentHashRow } from './consentEventRow.js';

let t: TestStore;
beforeAll(async () => {
  t = await createTestStore({ migrate: false });
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => t?.dispose());

// Every control character, the two JSON escapes, DEL and C1 controls, U+2028/2029, astral and combining characters.
const CONTROLS = Array.from({ length: 31 }, (_, n) => String.fromCharCode(n + 1)).join('');
const TEXTS = [
  '',
  'plain',
  'quote " and \\ backslash \\" \\\\',
  CONTROLS,
  'line\nbreak\ttab\r\b\f',
  '\u007f\u0080\u009f\u00a0',
  'ünïcødé ✓ 𝄞 \u2028 \u2029 e\u0301 \ufeff',
  '{"json":[1,2],"k":null}',
  '/slash/ <tag> & \'single\'',
  '\\u0041 not an escape',
  'x'.repeat(3000),
];

const COLUMNS = [
  ['id', 'text'],
  ['sequence', 'int'],
  ['contact_id', 'text'],
  ['topic_id', 'text'],
  ['channel', 'text'],
  ['action', 'text'],
  ['frequency', 'text'],
  ['paused_until', 'timestamptz'],
  ['source', 'text'],
  ['wording', 'text'],
  ['wording_hash', 'text'],
  ['catalog_version', 'int'],
  ['locale', 'text'],
  ['occurred_at', 'timestamptz'],
  ['confirmed_at', 'timestamptz'],
  ['previous_hash', 'text'],
] as const;

/** The database's hash of each row, computed over the rows passed as arrays (one per column). */
async function sqlHashes(rows: ConsentHashRow[]): Promise<string[]> {
  const { from, hash } = consentRowHashSql('e');
  const arrays = COLUMNS.map(([, type], n) => `$${n + 1}::${type}[]`).join(', ');
  const names = COLUMNS.map(([name]) => name).join(', ');
  const { rows: hashed } = await t.store.query<{ hash: string }>(
    `SELECT ${hash} AS hash FROM unnest(${arrays}) WITH ORDINALITY AS e (${names}, n), ${from} ORDER BY e.n`,
    COLUMNS.map(([name]) => rows.map((row) => row[name])),
  );
  return hashed.map((row) => row.hash);
}

describe('consentRowHashSql', () => {
  it('computes in the database the hash consentRowHash computes here, over 500 random rows of every kind of text', async () => {
    const random = createRandom(1717);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const maybe = <T>(value: T): T | null => (random() < 0.4 ? null : value);
    const at = () => new Date(Math.floor(random() * 4_000_000_000_000)).toISOString();
    const rows: ConsentHashRow[] = [];
    for (let n = 0; n < 500; n += 1) {
      rows.push({
        id: `cev_${n}_${pick(TEXTS)}`,
        sequence: 1 + Math.floor(random() * 2_000_000_000),
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
        locale: maybe(pick(['en', 'fr-CA', CONTROLS])),
        occurred_at: at(),
        confirmed_at: maybe(at()),
        previous_hash: maybe('ab'.repeat(32)),
        hash: '',
      });
    }
    // Every text once in the wording, whatever the draw.
    TEXTS.forEach((text, n) => (rows[n]!.wording = text));
    const hashes = await sqlHashes(rows);
    expect(hashes).toHaveLength(rows.length);
    rows.forEach((row, n) => expect(hashes[n], `row ${n}`).toBe(consentRowHash(row)));
  });
});
