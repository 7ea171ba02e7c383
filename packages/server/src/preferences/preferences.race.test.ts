import type { ConsentEvent, PreferenceChange, PreferenceState } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreferencesKit, type PreferencesKit } from '../testing/createPreferencesKit.js';
import { STORE_HOOK_TIMEOUT_MS } from '../testing/createTestStore.js';
import { createRandom } from '../testing/createRandom.js';
import { concurrently, createRaceHarness } from '../testing/raceHarness.js';
import type { Harness } from '../testing/testHarness.js';
import { foldConsentEvents, loadRawPreferences, toPreferenceState } from './preferenceState.js';

const BURSTS = 4;
const PER_BURST = 50;
const ORIGIN = 'https://shop.example.com';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let h: Harness;
let kit: PreferencesKit;

beforeAll(async () => {
  h = await createRaceHarness();
  kit = await createPreferencesKit(h);
}, STORE_HOOK_TIMEOUT_MS);
afterAll(() => h?.dispose());

/** Mostly opt-ins and opt-outs across marketing topics × channels, with frequencies, pauses and unsubscribe-all. */
function randomChange(random: () => number, channels?: readonly string[]): Partial<PreferenceChange> {
  const topics = kit.catalog.topics
    .filter((t) => !t.required)
    .map((t) => ({ ...t, channels: t.channels.filter((c) => !channels || channels.includes(c)) }))
    .filter((t) => t.channels.length > 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const roll = random();
  if (roll < 0.75) {
    return {
      choices: Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const topic = pick(topics);
        return { topicId: topic.id, channel: pick(topic.channels), granted: random() < 0.55 };
      }),
    };
  }
  if (roll < 0.85) {
    const topic = pick(topics.filter((t) => t.frequencies.length > 0));
    return { frequencies: [{ topicId: topic.id, frequency: pick(topic.frequencies) }] };
  }
  if (roll < 0.93) return { pauseUntil: random() < 0.4 ? null : new Date(Date.now() + (1 + Math.floor(random() * 90)) * 86_400_000).toISOString() };
  return { unsubscribeAll: random() < 0.5 };
}

/** What one call answered: its status and, for an error, the envelope's code. */
interface Answer {
  kind: string;
  status: number;
  code: string | null;
}

async function answer(kind: string, response: Response): Promise<Answer> {
  const body = (await response.json()) as { error?: { code?: string } };
  return { kind, status: response.status, code: body.error?.code ?? null };
}

/** 200, or a documented refusal: 409 `conflict` anywhere, 404 `not_found` for a link used or withdrawn meanwhile. */
function undocumented(answers: readonly Answer[]): Answer[] {
  return answers.filter(
    (a) => a.status !== 200 && !(a.status === 409 && a.code === 'conflict') && !(a.status === 404 && a.code === 'not_found' && a.kind.startsWith('confirm')),
  );
}

/** Events whose time is earlier than the event before them on the chain. */
function outOfOrder(events: readonly ConsentEvent[]): number {
  return events.filter((event, i) => i > 0 && Date.parse(event.occurredAt) < Date.parse(events[i - 1]!.occurredAt)).length;
}

/** Every topic × channel's state, plus pause and unsubscribe-all, as one flat record. */
function flatten(state: PreferenceState): Record<string, unknown> {
  const flat: Record<string, unknown> = { pausedUntil: state.pausedUntil, unsubscribedAll: state.unsubscribedAll };
  for (const topic of state.topics) {
    flat[`${topic.topicId} frequency`] = topic.frequency;
    for (const { channel, state: on } of topic.channels) flat[`${topic.topicId} ${channel}`] = on;
  }
  return flat;
}

/** The contact's stored state equals the fold of their log, every chain verifies; returns the chain. */
async function checkContact(externalId: string): Promise<ConsentEvent[]> {
  const history = await kit.history(externalId);
  expect(history.map((e) => e.sequence)).toEqual(history.map((_, i) => i + 1));
  const folded = foldConsentEvents(history);
  const stored = await kit.contactPreferences(externalId);
  expect(await loadRawPreferences(h.store, stored.contactId)).toEqual(folded);
  expect(flatten(toPreferenceState(kit.catalog, folded, new Date()))).toEqual(flatten(stored.state));
  expect(await kit.verify()).toMatchObject({ valid: true, brokenAt: null });
  return history;
}

function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[`${a.kind} ${a.status}`] = (counts[`${a.kind} ${a.status}`] ?? 0) + 1;
  return counts;
}

describe('consent transitions under real concurrency', () => {
  it(`${BURSTS} bursts of ${PER_BURST} PATCHes for one contact: state is the fold of the log, chain holds, times never go back`, async () => {
    const token = await kit.visitor('race_patch', 'race.patch@example.com');
    const random = createRandom(14);
    const answers: Answer[] = [];
    let elapsedMs = 0;
    for (let burst = 0; burst < BURSTS; burst += 1) {
      const changes = Array.from({ length: PER_BURST }, () => randomChange(random));
      const run = await concurrently(h, PER_BURST, async (i) => {
        // Half go through Idempotency-Key, whose transaction wraps the change: both paths take the same lock.
        const headers = i % 2 === 0 ? { 'Idempotency-Key': `race-${burst}-${i}` } : undefined;
        return answer('visitor patch', await kit.change(token, changes[i]!, headers));
      });
      answers.push(...run.results);
      elapsedMs += run.elapsedMs;
    }
    const chain = await checkContact('race_patch');
    const figures = { bursts: BURSTS, requests: answers.length, eventsWritten: chain.length, outOfOrder: outOfOrder(chain), elapsedMs, answers: tally(answers) };
    console.log('preferences race (PATCH):', JSON.stringify(figures));
    expect(undocumented(answers)).toEqual([]);
    expect(chain.length).toBeGreaterThan(PER_BURST);
    expect(figures.outOfOrder).toBe(0);
  }, 120_000);

  it('visitor and admin changes, one-click unsubscribes and opt-in confirmations racing for one contact keep the same promises', async () => {
    const externalId = 'race_mixed';
    const token = await kit.visitor(externalId, 'race.mixed@example.com');
    const emailTopics = kit.catalog.topics.filter((t) => !t.required && t.channels.includes('email'));
    const random = createRandom(8058);
    const answers: Answer[] = [];
    let elapsedMs = 0;
    for (let burst = 0; burst < BURSTS; burst += 1) {
      // Fresh email opt-ins, so this burst has links to confirm while other calls withdraw or unsubscribe.
      const email = (granted: boolean) => emailTopics.map((t) => ({ topicId: t.id, channel: 'email' as const, granted }));
      await kit.changeOk(token, { choices: email(false) });
      await kit.changeOk(token, { unsubscribeAll: false, choices: email(true) });
      const links = (await kit.pendingConfirmations(externalId)).map((p) => p.token);
      const oneClick = new URL((await kit.contactPreferences(externalId)).oneClickUnsubscribeUrl).pathname;
      expect(links).toHaveLength(emailTopics.length);
      // Email opt-ins are left to the links; the other changes still withdraw and unsubscribe around them.
      const changes = Array.from({ length: PER_BURST }, () => randomChange(random, ['sms', 'push', 'post']));
      const run = await concurrently(h, PER_BURST, async (i) => {
        // Each ten calls confirm two opt-ins, one from the page and one from the link (twice), racing the rest.
        const group = Math.floor(i / 10);
        const pageLink = links[(2 * group) % links.length]!;
        const link = links[(2 * group + 1) % links.length]!;
        switch (i % 10) {
          case 0:
            return answer('confirm page', await h.call('/v1/visitor/preferences/confirm', { site: kit.site, origin: ORIGIN, method: 'POST', body: { token: pageLink } }));
          case 1:
          case 5:
            return answer('confirm link', await h.call('/v1/preferences/confirm', { method: 'POST', body: { token: link } }));
          case 3:
            return answer('admin patch', await kit.admin(`/contacts/${externalId}/preferences`, {
              method: 'PATCH',
              body: { catalogVersion: kit.catalog.version, ...changes[i] },
            }));
          case 8:
            // One-click unsubscribes in the last two groups only: more would leave hardly an open link to race for.
            if (group < 3) return answer('visitor patch', await kit.change(token, changes[i]!));
            return answer('one-click', await h.call(oneClick, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: FORM }));
          default:
            return answer('visitor patch', await kit.change(token, changes[i]!));
        }
      });
      answers.push(...run.results);
      elapsedMs += run.elapsedMs;
    }
    const chain = await checkContact(externalId);
    const figures = { bursts: BURSTS, requests: answers.length, eventsWritten: chain.length, outOfOrder: outOfOrder(chain), elapsedMs, answers: tally(answers) };
    console.log('preferences race (mixed paths):', JSON.stringify(figures));
    expect(undocumented(answers)).toEqual([]);
    expect(answers.some((a) => a.kind.startsWith('confirm') && a.status === 200)).toBe(true);
    expect(chain.some((e) => e.source === 'one_click') && chain.some((e) => e.source === 'admin')).toBe(true);
    expect(figures.outOfOrder).toBe(0);
  }, 120_000);
});
