import type { SurveyFields } from '../feedback/surveyQueries.js';
import { SURVEY_DEFAULTS } from '../feedback/withSurveyDefaults.js';

/** Ids of the demo site's surveys (fixed, so seeding twice adds nothing and never overwrites the business's edits). */
export const DEMO_SURVEY_IDS = {
  nps: 'svy_demo_nps',
  thumbs: 'svy_demo_thumbs',
  csat: 'svy_demo_csat',
} as const;

/** The demo site's surveys: relationship NPS after checkout, page helpfulness on products, delivery CSAT behind the tab. */
export const DEMO_SURVEYS: ReadonlyArray<{ id: string; fields: SurveyFields }> = [
  {
    id: DEMO_SURVEY_IDS.nps,
    fields: {
      ...SURVEY_DEFAULTS,
      name: 'Relationship NPS after checkout',
      kind: 'nps',
      question: 'How likely are you to recommend Northwind Coffee Roasters to a friend?',
      status: 'active',
      followUps: {
        negative: 'What can we do to make this right?',
        neutral: 'What would make us a 10?',
        positive: 'What do you like most?',
      },
      thankYou: 'Thank you — every answer is read by our team.',
      placement: 'popover',
      triggers: [{ type: 'event', name: 'checkout_completed' }],
      samplePercent: 100,
      // A relationship survey is asked again now and then: at most monthly, and answering does not end it.
      recontact: { cooldownDays: 30, maxDisplays: 12, stopAfterResponse: false },
      allowContactRequest: true,
    },
  },
  {
    id: DEMO_SURVEY_IDS.thumbs,
    fields: {
      ...SURVEY_DEFAULTS,
      name: 'Product page helpfulness',
      kind: 'thumbs',
      question: 'Was this page helpful?',
      status: 'active',
      followUps: { negative: 'What were you looking for?', positive: 'Great! Anything we could add?' },
      textMaxLength: 300,
      placement: 'inline',
      triggers: [{ type: 'pageview' }],
      urlRules: [{ match: 'startsWith', value: '/products' }],
      // Asked on every product page: each page is a different question.
      recontact: { cooldownDays: 0, maxDisplays: 100, stopAfterResponse: false },
    },
  },
  {
    id: DEMO_SURVEY_IDS.csat,
    fields: {
      ...SURVEY_DEFAULTS,
      name: 'Delivery satisfaction',
      kind: 'csat',
      question: 'How satisfied are you with your delivery?',
      status: 'active',
      followUps: {
        negative: 'Sorry to hear that. What went wrong?',
        neutral: 'What could we have done better?',
        positive: 'What did you like about it?',
      },
      placement: 'tab',
      triggers: [],
    },
  },
];
