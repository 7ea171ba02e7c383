import { RapportError, type VisitorSurvey } from '@rapport/core';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FeedbackPromptStateOptions } from './types.js';
import { useFeedbackPromptState } from './useFeedbackPromptState.js';

function survey(extra: Partial<VisitorSurvey> = {}): VisitorSurvey {
  return {
    id: 'srv_1',
    kind: 'nps',
    question: 'How likely are you to recommend us?',
    followUps: { negative: 'What can we do better?', positive: 'What do you like most?' },
    textMaxLength: 10,
    thankYou: 'Thanks!',
    placement: 'popover',
    triggers: [],
    urlRules: [],
    allowContactRequest: true,
    eligible: true,
    ...extra,
  };
}

const echo = { score: 3, band: 'negative', text: null, contactRequested: false } as const;

function render(options: FeedbackPromptStateOptions) {
  return renderHook((props: FeedbackPromptStateOptions) => useFeedbackPromptState(props), { initialProps: options });
}

describe('useFeedbackPromptState', () => {
  it('derives band, follow-up and contact request from the score', () => {
    const { result } = render({ survey: survey() });
    expect(result.current).toMatchObject({ step: 'rating', score: null, band: null, followUpQuestion: null, canSubmit: false });
    act(() => result.current.setScore(3));
    expect(result.current).toMatchObject({
      band: 'negative',
      followUpQuestion: 'What can we do better?',
      canRequestContact: true,
      hasFollowUp: true,
      canSubmit: true,
    });
    act(() => result.current.setContactRequested(true));
    expect(result.current.contactRequested).toBe(true);
    act(() => result.current.setScore(8)); // neutral: no follow-up configured, no contact request
    expect(result.current).toMatchObject({ band: 'neutral', followUpQuestion: null, canRequestContact: false, hasFollowUp: false });
    expect(result.current.contactRequested).toBe(false);
    act(() => result.current.setScore(10));
    expect(result.current).toMatchObject({ band: 'positive', followUpQuestion: 'What do you like most?', canRequestContact: false });
  });

  it('moves rating → followUp → back, and only with a follow-up to ask', () => {
    const { result } = render({ survey: survey() });
    act(() => result.current.next());
    expect(result.current.step).toBe('rating'); // no score yet
    act(() => result.current.setScore(8));
    act(() => result.current.next());
    expect(result.current.step).toBe('rating'); // neutral has no follow-up
    act(() => result.current.setScore(9));
    act(() => result.current.next());
    expect(result.current.step).toBe('followUp');
    act(() => result.current.back());
    expect(result.current.step).toBe('rating');
  });

  it('limits the text and wants an answer for a text survey', () => {
    const { result } = render({ survey: survey({ kind: 'text' }) });
    expect(result.current.canSubmit).toBe(false);
    act(() => result.current.setText('  fine  '));
    expect(result.current).toMatchObject({ canSubmit: true, hasFollowUp: false, band: null, textMaxLength: 10 });
    act(() => result.current.setText('far too long'));
    expect(result.current.canSubmit).toBe(false);
  });

  it('goes through sending to thanks, queued or error, and back from error to edit', () => {
    const { result } = render({ survey: survey(), defaultOpen: true });
    act(() => result.current.setScore(3));
    act(() => result.current.next());
    act(() => result.current.beginSending());
    expect(result.current.step).toBe('sending');
    const error = new RapportError('Closed', { code: 'survey_closed', status: 409 });
    act(() => result.current.settle({ step: 'error', error }));
    expect(result.current).toMatchObject({ step: 'error', error, score: 3 });
    act(() => result.current.back());
    expect(result.current).toMatchObject({ step: 'followUp', error: null });
    act(() => result.current.beginSending());
    act(() => result.current.settle({ step: 'queued', sent: echo }));
    expect(result.current).toMatchObject({ step: 'queued', sent: echo });
    act(() => result.current.settle({ step: 'thanks', sent: { ...echo, text: 'from server' } }));
    expect(result.current).toMatchObject({ step: 'thanks', sent: { text: 'from server' } });
    act(() => result.current.settle({ step: 'error', error })); // too late: the visitor saw thanks
    expect(result.current.step).toBe('thanks');
  });

  it('starts a fresh draft when reopened after an answer or given another survey', () => {
    const { result, rerender } = render({ survey: survey(), defaultOpen: true });
    act(() => result.current.setScore(10));
    act(() => result.current.beginSending());
    act(() => result.current.settle({ step: 'thanks', sent: echo }));
    act(() => result.current.setOpen(false));
    expect(result.current).toMatchObject({ open: false, step: 'thanks' });
    act(() => result.current.setOpen(true));
    expect(result.current).toMatchObject({ open: true, step: 'rating', score: null, sent: null });

    act(() => result.current.setScore(4));
    rerender({ survey: survey({ id: 'srv_2' }), defaultOpen: true });
    expect(result.current).toMatchObject({ score: null, survey: { id: 'srv_2' } });
  });

  it('keeps an unsent draft across closing and reopening', () => {
    const { result } = render({ survey: survey() });
    act(() => result.current.setOpen(true));
    act(() => result.current.setScore(6));
    act(() => result.current.setOpen(false));
    act(() => result.current.setOpen(true));
    expect(result.current.score).toBe(6);
  });

  it('is controlled by open/onOpenChange', () => {
    const onOpenChange = vi.fn();
    const { result, rerender } = render({ survey: survey(), open: false, onOpenChange });
    act(() => result.current.setOpen(true));
    expect(onOpenChange).toHaveBeenCalledWith(true);
    expect(result.current.open).toBe(false);
    rerender({ survey: survey(), open: true, onOpenChange });
    expect(result.current.open).toBe(true);
  });

  it('has nothing to ask without a survey', () => {
    const { result } = render({});
    expect(result.current).toMatchObject({ survey: null, open: false, canSubmit: false, textMaxLength: 0 });
  });
});
