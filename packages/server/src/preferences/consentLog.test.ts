import type { PreferenceChange } from '@rapport/core';
import { ConsentChainReportSchema, PreferenceStateSchema } from '@rapport/core/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreferencesKit, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createRandom } from '../testing/createRandom.js';
import { createHarness, type Harness } from '../testing/testHarness.js';
import { foldConsentEvents, loadRawPreferences, toPreferenceState } from './preferenceState.js';

let h: Harness;
let kit: PreferencesKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createPreferencesKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

async function contactId(externalId: string): Promise<string> {
  const { rows } = await h.store.query<{ id: string }>('SELECT id FROM contacts WHERE site_id = $1 AND external_id = $2', [kit.site.site.id, externalId]);
  return rows[0]!.id;
}

async function verify() {
  const response = await kit.admin('/preferences/verify');
  expect(response.status).toBe(200);
  return ConsentChainReportSchema.parse(await response.json());
}

describe('consent log', () => {
  it('is append-only in the database: UPDATE, DELETE and TRUNCATE fail', async () => {
    const token = await kit.visitor('user_append');
    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'push', granted: true }] });
    const id = await contactId('user_append');
    await expect(h.store.query("UPDATE consent_events SET action = 'withdrawn' WHERE contact_id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(h.store.query('DELETE FROM consent_events WHERE contact_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(h.store.query('TRUNCATE consent_events CASCADE')).rejects.toThrow(/append-only/);
    expect((await kit.history('user_append')).map((e) => e.action)).toEqual(['granted']);
  });

  it('verification catches an edited row and a removed one', async () => {
    const token = await kit.visitor('user_tamper');
    await kit.changeOk(token, { choices: [{ topicId: 'offers', channel: 'push', granted: true }] });
    await kit.changeOk(token, { choices: [{ topicId: 'events', channel: 'sms', granted: true }] });
    await kit.changeOk(token, { unsubscribeAll: true });
    expect(await verify()).toMatchObject({ valid: true, brokenAt: null });
    const id = await contactId('user_tamper');
    const [, second] = await kit.history('user_tamper');
    // Simulate someone with table-owner rights bypassing the trigger: rewrite history, then restore the guard.
    await h.store.transaction(async (tx) => {
      await tx.query('ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_update_delete');
      await tx.query("UPDATE consent_events SET channel = 'email' WHERE id = $1", [second!.id]);
      await tx.query('ALTER TABLE consent_events ENABLE TRIGGER consent_events_no_update_delete');
    });
    expect(await verify()).toMatchObject({ valid: false, brokenAt: { eventId: second!.id, contactId: id, sequence: 2 } });
    await h.store.transaction(async (tx) => {
      await tx.query('ALTER TABLE consent_events DISABLE TRIGGER consent_events_no_update_delete');
      await tx.query("UPDATE consent_events SET channel = 'sms' WHERE id = $1", [second!.id]);
      await tx.query('DELETE FROM consent_events WHERE contact_id = $1 AND sequence = 1', [id]);
      await tx.query('ALTER TABLE consent_events ENABLE TRIGGER consent_events_no_update_delete');
    });
    expect((await verify()).brokenAt).toEqual({ eventId: second!.id, contactId: id, sequence: 2 });
  });

  it('replaying a contact’s events yields exactly their stored state (50 random sequences)', async () => {
    const topics = kit.catalog.topics.filter((t) => !t.required);
    for (let seed = 1; seed <= 50; seed += 1) {
      const random = createRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const externalId = `user_replay_${seed}`;
      const token = await kit.visitor(externalId);
      const steps = 3 + Math.floor(random() * 10);
      for (let step = 0; step < steps; step += 1) {
        const change: Partial<PreferenceChange> = {};
        const roll = random();
        if (roll < 0.6) {
          change.choices = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
            const topic = pick(topics);
            return { topicId: topic.id, channel: pick(topic.channels), granted: random() < 0.6 };
          });
        } else if (roll < 0.7) {
          const topic = pick(topics.filter((t) => t.frequencies.length > 0));
          change.frequencies = [{ topicId: topic.id, frequency: pick(topic.frequencies) }];
        } else if (roll < 0.85) {
          change.pauseUntil = random() < 0.5 ? null : new Date(h.clock.now().getTime() + (1 + Math.floor(random() * 300)) * 86_400_000).toISOString();
        } else {
          change.unsubscribeAll = random() < 0.5;
        }
        await kit.changeOk(token, change);
        if (random() < 0.3) {
          // Confirm one of this contact's pending email opt-ins through the link, as the mailer would.
          const list = (await (await kit.admin('/preferences/confirmations')).json()) as { items: Array<{ token: string; externalId: string }> };
          const open = list.items.find((item) => item.externalId === externalId);
          if (open) expect((await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: open.token } })).status).toBe(200);
        }
        h.clock.advance(60_000);
      }
      const history = await kit.history(externalId);
      const folded = foldConsentEvents(history);
      const stored = await loadRawPreferences(h.store, await contactId(externalId));
      expect(folded, `seed ${seed}`).toEqual(stored);
      const bootstrap = await h.call('/v1/visitor/bootstrap', { site: kit.site, bearer: token });
      const served = PreferenceStateSchema.parse(((await bootstrap.json()) as { widgets: { preferences: { state: unknown } } }).widgets.preferences.state);
      expect(toPreferenceState(kit.catalog, folded, h.clock.now()), `seed ${seed}`).toEqual(served);
    }
    expect(await verify()).toMatchObject({ valid: false }); // the tampered chain above stays broken
  }, 120_000);
});
