import { describe, expect, it } from 'vitest';
import { RapportError } from '../errors/RapportError.js';
import type { SurveyKind } from '../schemas/constants.js';
import type { VisitorSurvey } from '../schemas/feedbackVisitor.js';
import { answerIssues, validateAnswer, type FeedbackAnswer } from './validateAnswer.js';

function survey(kind: SurveyKind, extra: Partial<VisitorSurvey> = {}): VisitorSurvey {
  return {
    id: 'srv_1',
    kind,
    question: 'Q?',
    followUps: {},
    textMaxLength: 20,
    thankYou: 'Thanks',
    placement: 'inline',
    triggers: [],
    urlRules: [],
    allowContactRequest: true,
    eligible: true,
    ...extra,
  };
}

const answer = (extra: Partial<FeedbackAnswer>): FeedbackAnswer => ({ surveyId: 'srv_1', score: null, ...extra });
const codes = (s: VisitorSurvey, a: FeedbackAnswer) => answerIssues(s, a).map((i) => `${i.path.join('.')}:${i.code}`);

describe('validateAnswer', () => {
  it.each([
    ['nps', 0, 10],
    ['csat', 1, 5],
    ['ces', 1, 7],
    ['thumbs', 0, 1],
  ] as const)('accepts %s scores from %i to %i and nothing outside', (kind, min, max) => {
    expect(codes(survey(kind), answer({ score: min }))).toEqual([]);
    expect(codes(survey(kind), answer({ score: max }))).toEqual([]);
    expect(codes(survey(kind), answer({ score: min - 1 }))).toEqual(['score:too_small']);
    expect(codes(survey(kind), answer({ score: max + 1 }))).toEqual(['score:too_big']);
    expect(codes(survey(kind), answer({ score: null }))).toEqual(['score:invalid_type']);
    expect(codes(survey(kind), answer({ score: 0.5 }))).toEqual(['score:invalid_type']);
  });

  it('wants a text answer and no score for a text survey', () => {
    expect(codes(survey('text'), answer({ text: 'Great shop' }))).toEqual([]);
    expect(codes(survey('text'), answer({ text: '   ' }))).toEqual(['text:too_small']);
    expect(codes(survey('text'), answer({ score: 3, text: 'ok' }))).toEqual(['score:invalid_type']);
  });

  it("limits the text to the survey's textMaxLength", () => {
    expect(codes(survey('nps'), answer({ score: 5, text: 'x'.repeat(20) }))).toEqual([]);
    expect(codes(survey('nps'), answer({ score: 5, text: 'x'.repeat(21) }))).toEqual(['text:too_big']);
    expect(codes(survey('text'), answer({ text: 'x'.repeat(21) }))).toEqual(['text:too_big']);
  });

  it('allows a contact request only in the negative band, when the survey allows it', () => {
    expect(codes(survey('nps'), answer({ score: 6, contactRequested: true }))).toEqual([]);
    expect(codes(survey('csat'), answer({ score: 2, contactRequested: true }))).toEqual([]);
    expect(codes(survey('thumbs'), answer({ score: 0, contactRequested: true }))).toEqual([]);
    expect(codes(survey('nps'), answer({ score: 7, contactRequested: true }))).toEqual(['contactRequested:invalid_value']);
    expect(codes(survey('thumbs'), answer({ score: 1, contactRequested: true }))).toEqual(['contactRequested:invalid_value']);
    const closed = survey('nps', { allowContactRequest: false });
    expect(codes(closed, answer({ score: 0, contactRequested: true }))).toEqual(['contactRequested:invalid_value']);
    expect(codes(closed, answer({ score: 0, contactRequested: false }))).toEqual([]);
  });

  it('checks the answer is for that survey and the page URL length', () => {
    expect(codes(survey('nps'), { surveyId: 'srv_2', score: 3 })).toEqual(['surveyId:invalid_value']);
    expect(codes(survey('nps'), answer({ score: 3, pageUrl: `/${'p'.repeat(2000)}` }))).toEqual(['pageUrl:too_big']);
  });

  it('throws a RapportError with code validation and every issue', () => {
    const error = (() => {
      try {
        validateAnswer(survey('csat', { allowContactRequest: false }), answer({ score: 9, text: 'x'.repeat(30), contactRequested: true }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RapportError);
    expect(error).toMatchObject({ code: 'validation' });
    expect((error as RapportError).issues?.map((i) => i.path[0])).toEqual(['score', 'text', 'contactRequested']);
    expect(() => validateAnswer(survey('csat'), answer({ score: 4 }))).not.toThrow();
  });
});
