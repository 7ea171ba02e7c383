import { ConsentChainReportSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreferencesKit, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';

let h: Harness;

beforeAll(async () => {
  h = await createRaceHarness();
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

const ON = [{ topicId: 'offers', channel: 'push' as const, granted: true }];
const OFF = [{ topicId: 'offers', channel: 'push' as const, granted: false }];

async function verify(kit: PreferencesKit, query = '') {
  const response = await kit.admin(`/preferences/verify${query}`);
  expect(response.status).toBe(200);
  return ConsentChainReportSchema.parse(await response.json());
}

describe('consent checkpoints under concurrent writers', () => {
  it('an event committed after a checkpoint by a transaction older than later ones is still verified next time', async () => {
    const kit = await createPreferencesKit(h);
    const slow = await kit.visitor('slow_writer');
    await kit.changeOk(slow, { choices: ON });
    const fast = await kit.visitor('fast_writer');
    await kit.changeOk(fast, { choices: ON });
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM contacts WHERE site_id = $1 AND external_id = $2', [kit.site.site.id, 'slow_writer']);
    const contact = rows[0]!.id;
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 2, mode: 'full' });

    // A transaction takes its id and writes a bad event, then stays open while others write and verify.
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const hasWritten = new Promise<void>((resolve) => (written = resolve));
    const slowTx = h.store.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO consent_events (site_id, id, sequence, contact_id, topic_id, channel, action, frequency, paused_until, source, wording,
           wording_hash, catalog_version, locale, occurred_at, confirmed_at, previous_hash, hash)
         SELECT site_id, 'cev_slow_forged', sequence + 1, contact_id, topic_id, channel, 'withdrawn', frequency, paused_until, source, wording,
           wording_hash, catalog_version, locale, occurred_at, confirmed_at, hash, repeat('0', 64)
         FROM consent_events WHERE contact_id = $1 ORDER BY sequence DESC LIMIT 1`,
        [contact],
      );
      written();
      await held;
    });
    await hasWritten;
    // Later transactions (higher ids) commit first, and two verifications move the checkpoint past them.
    await kit.changeOk(fast, { choices: OFF });
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 1, mode: 'incremental' });
    await kit.changeOk(fast, { choices: ON });
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 1, mode: 'incremental' });
    commit();
    await slowTx;
    const brokenAt = { eventId: 'cev_slow_forged', contactId: contact, sequence: 2 };
    expect(await verify(kit)).toMatchObject({ valid: false, eventsChecked: 1, brokenAt, mode: 'incremental' });
  });

  it('events appended while a full pass runs are all verified by the passes after it', async () => {
    const kit = await createPreferencesKit(h);
    const tokens: string[] = [];
    for (let n = 0; n < 40; n += 1) {
      const token = await kit.visitor(`burst_${n}`);
      for (let step = 0; step < 3; step += 1) await kit.changeOk(token, { choices: step % 2 === 0 ? ON : OFF });
      tokens.push(token);
    }
    const run = await concurrently(h, 41, async (index) => {
      if (index === 0) return verify(kit, '?full=true');
      // One writer per chain (its last event was an opt-in): each appends exactly one event.
      await kit.changeOk(tokens[index - 1]!, { choices: OFF });
      return null;
    });
    expect(run.results[0]).toMatchObject({ valid: true, mode: 'full' });
    const seenByFull = run.results[0]!.eventsChecked;
    const after = await verify(kit);
    expect(after).toMatchObject({ valid: true, mode: 'incremental' });
    const total = await kit.eventCount();
    expect(total).toBe(40 * 3 + 40);
    // Each event was read by the full pass or the incremental one (some by both: committed while the pass ran).
    expect(seenByFull + after.eventsChecked).toBeGreaterThanOrEqual(total);
    expect(await verify(kit)).toMatchObject({ valid: true, eventsChecked: 0, mode: 'incremental' });
    expect(await verify(kit, '?full=true')).toMatchObject({ valid: true, eventsChecked: total, mode: 'full' });
  });
});
