import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, evaluateEligibility, type FeedbackHistory, type SurveyActivity } from './evaluateEligibility.js';
import { isSampledIn, sampleBucket } from './isSampledIn.js';

const DAY = 86_400_000;
const now = new Date('2026-11-23T09:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const survey = { id: 'svy_a', recontact: { cooldownDays: 30, maxDisplays: 3, stopAfterResponse: true }, sampledIn: true };
const noGlobal = { globalCooldownDays: 0 };

function activity(partial: Partial<SurveyActivity>): SurveyActivity {
  return { displays: 0, responses: 0, lastDisplayAt: null, lastDismissAt: null, lastResponseAt: null, ...partial };
}

function history(bySurvey: Record<string, Partial<SurveyActivity>>, lastDisplayAt: Date | null = null): FeedbackHistory {
  return { surveys: new Map(Object.entries(bySurvey).map(([id, a]) => [id, activity(a)])), lastDisplayAt };
}

describe('evaluateEligibility', () => {
  it('lets a sampled-in visitor with no history be asked', () => {
    expect(evaluateEligibility(EMPTY_HISTORY, survey, noGlobal, now)).toEqual({ eligible: true, reason: null });
  });

  it('refuses a visitor outside the sample before anything else', () => {
    const h = history({ svy_a: { responses: 1, displays: 9 } }, daysAgo(0));
    expect(evaluateEligibility(h, { ...survey, sampledIn: false }, { globalCooldownDays: 30 }, now).reason).toBe('not_sampled');
  });

  it('stops after a response only when the survey says so', () => {
    const h = history({ svy_a: { responses: 1, lastResponseAt: daysAgo(100) } });
    expect(evaluateEligibility(h, survey, noGlobal, now).reason).toBe('responded');
    const keepAsking = { ...survey, recontact: { ...survey.recontact, stopAfterResponse: false } };
    expect(evaluateEligibility(h, keepAsking, noGlobal, now).eligible).toBe(true);
  });

  it('caps displays at maxDisplays', () => {
    expect(evaluateEligibility(history({ svy_a: { displays: 2, lastDisplayAt: daysAgo(200) } }), survey, noGlobal, now).eligible).toBe(true);
    expect(evaluateEligibility(history({ svy_a: { displays: 3, lastDisplayAt: daysAgo(200) } }), survey, noGlobal, now).reason).toBe('max_displays');
  });

  it('applies the cooldown after the last display, dismissal or response of that survey', () => {
    for (const key of ['lastDisplayAt', 'lastDismissAt', 'lastResponseAt'] as const) {
      const recent = history({ svy_a: { [key]: daysAgo(29.9) } });
      const keepAsking = { ...survey, recontact: { ...survey.recontact, stopAfterResponse: false } };
      expect(evaluateEligibility(recent, keepAsking, noGlobal, now).reason, key).toBe('cooldown');
      expect(evaluateEligibility(history({ svy_a: { [key]: daysAgo(30) } }), keepAsking, noGlobal, now).eligible, key).toBe(true);
    }
  });

  it('counts a dismissal alone (no display recorded) for the cooldown', () => {
    const h = history({ svy_a: { lastDismissAt: daysAgo(1) } });
    expect(evaluateEligibility(h, survey, noGlobal, now).reason).toBe('cooldown');
  });

  it('has no cooldown when cooldownDays is 0', () => {
    const h = history({ svy_a: { displays: 1, lastDisplayAt: now } });
    expect(evaluateEligibility(h, { ...survey, recontact: { ...survey.recontact, cooldownDays: 0 } }, noGlobal, now).eligible).toBe(true);
  });

  it("ignores other surveys' activity, except for the global cooldown after any display", () => {
    const h = history({ svy_b: { displays: 5, responses: 1, lastDisplayAt: daysAgo(2), lastResponseAt: daysAgo(2) } }, daysAgo(2));
    expect(evaluateEligibility(h, survey, noGlobal, now).eligible).toBe(true);
    expect(evaluateEligibility(h, survey, { globalCooldownDays: 3 }, now).reason).toBe('global_cooldown');
    expect(evaluateEligibility(h, survey, { globalCooldownDays: 2 }, now).eligible).toBe(true);
  });

  it('reports the per-survey reason before the global one', () => {
    const h = history({ svy_a: { displays: 1, lastDisplayAt: daysAgo(1) } }, daysAgo(1));
    expect(evaluateEligibility(h, survey, { globalCooldownDays: 7 }, now).reason).toBe('cooldown');
  });
});

describe('sampling', () => {
  it('puts a visitor in the same bucket every time, from the first 4 bytes of SHA-256(surveyId:contactId) mod 10000', async () => {
    const expected = Number(
      BigInt(`0x${Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('svy_x:ct_y'))).subarray(0, 4).toString('hex')}`) % 10000n,
    );
    expect(await sampleBucket('svy_x', 'ct_y')).toBe(expected);
    expect(await sampleBucket('svy_x', 'ct_y')).toBe(expected);
  });

  it('takes everyone at 100 %, nobody at 0 %, and about the given share in between', async () => {
    const contacts = Array.from({ length: 2000 }, (_, i) => `ct_${i}`);
    const share = async (percent: number) => {
      const results = await Promise.all(contacts.map((c) => isSampledIn('svy_share', c, percent)));
      return results.filter(Boolean).length / contacts.length;
    };
    expect(await share(100)).toBe(1);
    expect(await share(0)).toBe(0);
    expect(Math.abs((await share(25)) - 0.25)).toBeLessThan(0.04);
    expect(Math.abs((await share(0.5)) - 0.005)).toBeLessThan(0.006);
  });

  it('samples each survey independently, and is monotonic in the percentage', async () => {
    const contacts = Array.from({ length: 400 }, (_, i) => `ct_${i}`);
    const inA = await Promise.all(contacts.map((c) => isSampledIn('svy_a', c, 50)));
    const inB = await Promise.all(contacts.map((c) => isSampledIn('svy_b', c, 50)));
    expect(inA).not.toEqual(inB);
    for (const c of contacts) {
      if (await isSampledIn('svy_a', c, 10)) expect(await isSampledIn('svy_a', c, 60)).toBe(true);
    }
  });
});
