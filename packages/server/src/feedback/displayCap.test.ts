import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '../store/Store.js';
import { clientId, createFeedbackKit, type FeedbackKit } from '../testing/createFeedbackKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createHarness, type Harness } from '../testing/testHarness.js';

let h: Harness;
let kit: FeedbackKit;

beforeAll(async () => {
  h = await createHarness();
  kit = await createFeedbackKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** Inserts a prompt event the way no route does: straight into the table, past every application check. */
async function insertEvent(contactId: string, surveyId: string, type: 'display' | 'dismiss', source: 'trigger' | 'code' | 'tab') {
  await h.store.query(
    `INSERT INTO feedback_events (site_id, id, survey_id, contact_id, type, source, request_hash, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'direct', $7)`,
    [kit.site.site.id, clientId('ev'), surveyId, contactId, type, source, h.clock.now()],
  );
}

describe('the display cap in the database', () => {
  it('refuses a trigger or code display past maxDisplays, and still takes tab displays and dismissals', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 2, stopAfterResponse: false } });
    const token = await kit.visitor('user_cap_db');
    expect(await kit.display(token, survey.id)).toEqual({ accepted: true, reason: null });
    expect(await kit.display(token, survey.id, 'code')).toEqual({ accepted: true, reason: null });
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM contacts WHERE site_id = $1 AND external_id = $2', [kit.site.site.id, 'user_cap_db']);
    const contactId = rows[0]!.id;

    for (const source of ['trigger', 'code'] as const) {
      const error = await insertEvent(contactId, survey.id, 'display', source).then(() => null, (e: unknown) => e);
      expect(sqlState(error), source).toBe('23514');
      expect(String((error as Error).message)).toMatch(/cap of 2/);
    }
    await insertEvent(contactId, survey.id, 'display', 'tab');
    await insertEvent(contactId, survey.id, 'dismiss', 'trigger');
    expect(await kit.count('feedback_events')).toBe(4);
  });

  it('counts the displays of anonymous contacts merged into the visitor', async () => {
    const survey = await kit.createSurvey({ recontact: { cooldownDays: 0, maxDisplays: 1, stopAfterResponse: false } });
    const known = await kit.visitor('user_cap_merged');
    await kit.feedback(known);
    const { rows } = await h.store.query<{ id: string }>('SELECT id FROM contacts WHERE site_id = $1 AND external_id = $2', [kit.site.site.id, 'user_cap_merged']);
    const into = rows[0]!.id;
    const anonymous = await h.store.query<{ id: string }>(
      `INSERT INTO contacts (id, site_id, anonymous_id, merged_into_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
      [clientId('ct'), kit.site.site.id, clientId('anon'), into, h.clock.now()],
    );
    await insertEvent(anonymous.rows[0]!.id, survey.id, 'display', 'trigger');
    const error = await insertEvent(into, survey.id, 'display', 'trigger').then(() => null, (e: unknown) => e);
    expect(sqlState(error)).toBe('23514');
    expect(await kit.display(known, survey.id)).toEqual({ accepted: false, reason: 'max_displays' });
  });
});
