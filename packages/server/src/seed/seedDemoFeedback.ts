import { scoreBand, type ResponseStatus, type SurveyKind } from '@rapport/core';
import { insertSurvey } from '../feedback/surveyQueries.js';
import type { SqlExecutor } from '../store/Store.js';
import { DEMO_SURVEYS, DEMO_SURVEY_IDS } from './demoSurveys.js';

type DemoSurvey = keyof typeof DEMO_SURVEY_IDS;

/** One seeded answer: who, when, what, and how far the business got with it. */
interface DemoAnswer {
  id: string;
  survey: DemoSurvey;
  /** An external id of a demo contact, or the anonymous id of a past visitor. */
  who: { externalId: string } | { anonymousId: string };
  hoursAgo: number;
  score: number;
  text: string | null;
  page: string;
  contactRequested?: boolean;
  status?: ResponseStatus;
  reply?: { message: string; hoursAgo: number };
}

const HOUR_MS = 3_600_000;
const KINDS: Record<DemoSurvey, SurveyKind> = { nps: 'nps', thumbs: 'thumbs', csat: 'csat' };
const PAGES: Record<DemoSurvey, readonly string[]> = {
  nps: ['/checkout/complete'],
  thumbs: ['/products/yirgacheffe', '/products/huila', '/products/house-espresso'],
  csat: ['/account'],
};
const TEXTS = {
  negative: ['Delivery took over a week.', 'The grind was too coarse for my moka pot.', 'Hard to find decaf on the site.'],
  neutral: ['Good coffee, pricey postage.', 'Would like smaller bags to try more origins.'],
  positive: ['Always fresh, and the tasting notes are spot on.', 'Love the subscription — never run out.', 'Fast delivery and lovely packaging.'],
} as const;

/** NPS scores per week, index = weeks ago: detractors early on, more promoters lately (an upward trend). */
const NPS_WEEKS: readonly (readonly number[])[] = [
  [9, 10, 8],
  [10, 9, 8, 9, 6, 10],
  [9, 10, 7, 9, 10],
  [8, 9, 10, 5],
  [7, 9, 10, 6, 9],
  [8, 9, 10, 2, 6],
  [5, 7, 9, 6],
  [3, 6, 8, 10, 10],
];
const THUMBS_WEEKS: readonly (readonly number[])[] = [[1, 1], [1, 0, 1], [1, 1, 1], [0, 1], [1, 0, 1], [1, 1], [0, 0, 1], [1, 0]];
const CSAT_WEEKS: readonly (readonly number[])[] = [[5], [4, 5], [5, 3], [4], [2, 5], [4], [3, 4], [5]];

const pad = (n: number) => String(n).padStart(2, '0');

/** The seeded answers, the same on every run (times are relative to the first seeding). */
export function demoAnswers(): DemoAnswer[] {
  const answers: DemoAnswer[] = [];
  let visitor = 0;
  const generate = (survey: DemoSurvey, weeks: readonly (readonly number[])[]) => {
    weeks.forEach((scores, weeksAgo) => {
      scores.forEach((score, i) => {
        const band = scoreBand(KINDS[survey], score) ?? 'neutral';
        const texts = TEXTS[band];
        const pages = PAGES[survey];
        answers.push({
          id: `demo_${survey}_w${weeksAgo}_${i}`,
          survey,
          who: { anonymousId: `anon_demo_${pad((visitor += 1) % 40)}` },
          hoursAgo: weeksAgo * 168 + i * 26 + 3,
          score,
          text: i % 2 === 0 ? (texts[(weeksAgo + i) % texts.length] ?? null) : null,
          page: pages[(weeksAgo + i) % pages.length] ?? '/',
          status: weeksAgo >= 3 ? 'acknowledged' : 'new',
        });
      });
    });
  };
  generate('nps', NPS_WEEKS);
  generate('thumbs', THUMBS_WEEKS);
  generate('csat', CSAT_WEEKS);
  answers.push(
    {
      id: 'demo_nps_ada',
      survey: 'nps',
      who: { externalId: 'user_ada' },
      hoursAgo: 36 * 24,
      score: 4,
      text: 'Checkout kept timing out on my phone.',
      page: '/checkout/complete',
      status: 'resolved',
      reply: { message: 'Thank you, Ada — we rebuilt the mobile checkout after your note. It is much quicker now.', hoursAgo: 31 * 24 },
    },
    {
      id: 'demo_nps_grace',
      survey: 'nps',
      who: { externalId: 'user_grace' },
      hoursAgo: 50 * 24,
      score: 9,
      text: 'Love the Huila, and the brewing guide in the box.',
      page: '/checkout/complete',
      status: 'acknowledged',
    },
    {
      id: 'demo_nps_callback',
      survey: 'nps',
      who: { anonymousId: 'anon_demo_callback' },
      hoursAgo: 9 * 24 + 5,
      score: 2,
      text: 'My last bag arrived split open. Can someone call me?',
      page: '/checkout/complete',
      contactRequested: true,
    },
  );
  return answers;
}

async function contactIds(tx: SqlExecutor, siteId: string, answers: DemoAnswer[], since: Date): Promise<Map<string, string>> {
  const anonymous = [...new Set(answers.flatMap((a) => ('anonymousId' in a.who ? [a.who.anonymousId] : [])))];
  await tx.query(
    `INSERT INTO contacts (id, site_id, anonymous_id, created_at, last_seen_at)
     SELECT 'ct_' || md5($1 || a), $1, a, $3, $3 FROM unnest($2::text[]) AS a
     ON CONFLICT (site_id, anonymous_id) DO NOTHING`,
    [siteId, anonymous, since],
  );
  const external = [...new Set(answers.flatMap((a) => ('externalId' in a.who ? [a.who.externalId] : [])))];
  const { rows } = await tx.query<{ id: string; key: string }>(
    `SELECT id, COALESCE(external_id, anonymous_id) AS key FROM contacts
     WHERE site_id = $1 AND (external_id = ANY($2::text[]) OR anonymous_id = ANY($3::text[]))`,
    [siteId, external, anonymous],
  );
  return new Map(rows.map((row) => [row.key, row.id]));
}

/**
 * Seeds the demo site's surveys and about eight weeks of answers (with their displays, a few unanswered
 * displays and dismissals, a resolved reply Ada has not seen yet and an open contact request), inside the
 * caller's transaction. Idempotent: fixed ids, and rows that exist are left as they are.
 */
export async function seedDemoFeedback(tx: SqlExecutor, input: { siteId: string; now: Date }): Promise<void> {
  const { siteId, now } = input;
  for (const survey of DEMO_SURVEYS) {
    await insertSurvey(tx, { id: survey.id, siteId, fields: survey.fields, now, ifAbsent: true });
  }
  const answers = demoAnswers();
  const ids = await contactIds(tx, siteId, answers, new Date(now.getTime() - 60 * 24 * HOUR_MS));
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR_MS);
  const seeded = answers.flatMap((a) => {
    const contactId = ids.get('externalId' in a.who ? a.who.externalId : a.who.anonymousId);
    return contactId ? [{ ...a, contactId }] : [];
  });

  await tx.query(
    `INSERT INTO feedback_responses (site_id, id, survey_id, contact_id, request_hash, kind, score, band, text,
       contact_requested, page_url, answered_at, received_at, status, reply, replied_at, resolved_at)
     SELECT $1, r.id, r.survey_id, r.contact_id, 'seed', r.kind, r.score, r.band, r.text, r.contact_requested, r.page_url,
       r.answered_at, r.answered_at, r.status, r.reply, r.replied_at, CASE WHEN r.status = 'resolved' THEN r.replied_at END
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::boolean[], $10::text[],
       $11::timestamptz[], $12::text[], $13::text[], $14::timestamptz[])
       AS r (id, survey_id, contact_id, kind, score, band, text, contact_requested, page_url, answered_at, status, reply, replied_at)
     ON CONFLICT (site_id, id) DO NOTHING`,
    [
      siteId,
      seeded.map((a) => a.id),
      seeded.map((a) => DEMO_SURVEY_IDS[a.survey]),
      seeded.map((a) => a.contactId),
      seeded.map((a) => KINDS[a.survey]),
      seeded.map((a) => a.score),
      seeded.map((a) => scoreBand(KINDS[a.survey], a.score)),
      seeded.map((a) => a.text),
      seeded.map((a) => a.contactRequested ?? false),
      seeded.map((a) => a.page),
      seeded.map((a) => at(a.hoursAgo)),
      seeded.map((a) => a.status ?? 'new'),
      seeded.map((a) => a.reply?.message ?? null),
      seeded.map((a) => (a.reply ? at(a.reply.hoursAgo) : a.status === 'resolved' ? at(a.hoursAgo - 24) : null)),
    ],
  );

  // Every answer was preceded by a display; every third answered visitor had also seen (and once dismissed) it before.
  const events = seeded.flatMap((a, i) => {
    const source = a.survey === 'csat' ? 'tab' : 'trigger';
    const shown = { id: `${a.id}_shown`, a, type: 'display', source, hoursAgo: a.hoursAgo + 0.05 };
    if (i % 3 !== 0 || a.hoursAgo < 48) return [shown];
    return [
      shown,
      { id: `${a.id}_earlier`, a, type: 'display', source, hoursAgo: a.hoursAgo + 30 },
      { id: `${a.id}_closed`, a, type: 'dismiss', source, hoursAgo: a.hoursAgo + 29.9 },
    ];
  });
  await tx.query(
    `INSERT INTO feedback_events (site_id, id, survey_id, contact_id, type, source, request_hash, occurred_at)
     SELECT $1, e.id, e.survey_id, e.contact_id, e.type, e.source, 'seed', e.occurred_at
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       AS e (id, survey_id, contact_id, type, source, occurred_at)
     ON CONFLICT (site_id, id) DO NOTHING`,
    [
      siteId,
      events.map((e) => `demo_evt_${e.id.replace(/^demo_/, '')}`),
      events.map((e) => DEMO_SURVEY_IDS[e.a.survey]),
      events.map((e) => e.a.contactId),
      events.map((e) => e.type),
      events.map((e) => e.source),
      events.map((e) => at(e.hoursAgo)),
    ],
  );
}
