import { scoreBand, type RapportError, type VisitorSurvey } from '@rapport/core';
import { useCallback, useState } from 'react';
import { useControllableState } from '../useControllableState.js';
import type { FeedbackEcho, FeedbackOutcome, FeedbackPromptState, FeedbackPromptStateOptions, FeedbackPromptStep } from './types.js';

interface Draft {
  step: FeedbackPromptStep;
  score: number | null;
  text: string;
  contactRequested: boolean;
  sent: FeedbackEcho | null;
  error: RapportError | null;
}

const FRESH: Draft = { step: 'rating', score: null, text: '', contactRequested: false, sent: null, error: null };

/** The follow-up question of `score`'s band and whether that band may ask to be contacted. */
function followUpOf(survey: VisitorSurvey | null, score: number | null) {
  const band = survey && survey.kind !== 'text' && score !== null ? scoreBand(survey.kind, score) : null;
  const question = band && survey ? (survey.followUps[band] ?? null) : null;
  const canRequestContact = Boolean(survey?.allowContactRequest) && band === 'negative';
  return { band, question, canRequestContact, hasFollowUp: question !== null || canRequestContact };
}

/**
 * The feedback prompt's UI state, without requests: open (controlled or not), step, draft answer and what
 * follows from it (band, follow-up question, contact request, whether it can be sent), and the outcome.
 * `useFeedbackPrompt` builds on it; use it alone for a prompt driven by your own data layer.
 */
export function useFeedbackPromptState(options: FeedbackPromptStateOptions = {}): FeedbackPromptState {
  const survey = options.survey ?? null;
  const [open, setOpen] = useControllableState({
    value: options.open,
    defaultValue: options.defaultOpen ?? false,
    onChange: options.onOpenChange,
  });
  const [draft, setDraft] = useState<Draft>(FRESH);

  // A fresh draft for another survey, or when the prompt opens again after an answer.
  const surveyId = survey?.id ?? null;
  const [seen, setSeen] = useState({ surveyId, open });
  if (seen.surveyId !== surveyId || seen.open !== open) {
    setSeen({ surveyId, open });
    const answered = draft.step === 'thanks' || draft.step === 'queued';
    if (seen.surveyId !== surveyId || (open && answered)) setDraft(FRESH);
  }

  const { band, question, canRequestContact, hasFollowUp } = followUpOf(survey, draft.score);
  const trimmed = draft.text.trim();
  const textMaxLength = survey?.textMaxLength ?? 0;
  const answered = survey?.kind === 'text' ? trimmed !== '' : draft.score !== null;

  const setScore = useCallback((score: number | null) => setDraft((d) => ({ ...d, score })), []);
  const setText = useCallback((text: string) => setDraft((d) => ({ ...d, text })), []);
  const setContactRequested = useCallback(
    (contactRequested: boolean) => setDraft((d) => ({ ...d, contactRequested })),
    [],
  );
  const next = useCallback(
    () =>
      setDraft((d) =>
        d.step === 'rating' && d.score !== null && followUpOf(survey, d.score).hasFollowUp ? { ...d, step: 'followUp' } : d,
      ),
    [survey],
  );
  const back = useCallback(
    () =>
      setDraft((d) => {
        if (d.step === 'followUp') return { ...d, step: 'rating' };
        if (d.step !== 'error') return d;
        return { ...d, step: followUpOf(survey, d.score).hasFollowUp ? 'followUp' : 'rating', error: null };
      }),
    [survey],
  );
  const beginSending = useCallback(() => setDraft((d) => ({ ...d, step: 'sending', error: null })), []);
  const settle = useCallback(
    (outcome: FeedbackOutcome) =>
      setDraft((d) => {
        if (d.step !== 'sending' && !(d.step === 'queued' && outcome.step !== 'queued')) return d;
        return outcome.step === 'error'
          ? { ...d, step: 'error', error: outcome.error }
          : { ...d, step: outcome.step, sent: outcome.sent, error: null };
      }),
    [],
  );
  const reset = useCallback(() => setDraft(FRESH), []);

  return {
    survey,
    open,
    setOpen,
    step: draft.step,
    score: draft.score,
    text: draft.text,
    contactRequested: canRequestContact && draft.contactRequested,
    band,
    followUpQuestion: question,
    canRequestContact,
    hasFollowUp,
    textMaxLength,
    canSubmit: survey !== null && answered && trimmed.length <= textMaxLength,
    sent: draft.sent,
    error: draft.error,
    setScore,
    setText,
    setContactRequested,
    next,
    back,
    beginSending,
    settle,
    reset,
  };
}
