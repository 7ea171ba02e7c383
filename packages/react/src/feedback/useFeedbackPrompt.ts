import type { VisitorSurvey } from '@rapport/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toRapportError } from '../toRapportError.js';
import { useBootstrapQuery } from '../useBootstrapQuery.js';
import { feedbackSlot } from './feedbackSlot.js';
import type { FeedbackOpenSource, FeedbackPromptOptions, FeedbackPromptResult, FeedbackWindow } from './types.js';
import { useFeedbackPromptState } from './useFeedbackPromptState.js';
import { useFeedbackTriggers } from './useFeedbackTriggers.js';
import { echoOf, useOutboxStatus } from './useOutboxStatus.js';

const MAX_PAGE_URL = 2000;

function defaultWindow(): FeedbackWindow | null {
  return typeof window === 'undefined' ? null : window;
}

/**
 * A feedback prompt, connected: picks its survey from the bootstrap, opens when a trigger fires (after the
 * server accepted the display), from the feedback tab or from code, records displays and dismissals, and sends
 * the answer through the offline outbox. Returns the UI state of {@link useFeedbackPromptState} plus actions.
 */
export function useFeedbackPrompt(options: FeedbackPromptOptions = {}): FeedbackPromptResult {
  const { surveyId, placement, triggers = true } = options;
  const win = options.window === undefined ? defaultWindow() : options.window;
  const bootstrap = useBootstrapQuery('useFeedbackPrompt');
  const { client } = bootstrap.context;
  const { surveys } = feedbackSlot(bootstrap.data);
  const candidates = useMemo(
    () => surveys.filter((s) => (surveyId === undefined || s.id === surveyId) && (placement === undefined || s.placement === placement)),
    [surveys, surveyId, placement],
  );
  const [activeId, setActiveId] = useState<string | null>(null);
  const [openedFrom, setOpenedFrom] = useState<FeedbackOpenSource | null>(null);
  const survey = candidates.find((s) => s.id === activeId) ?? candidates[0] ?? null;
  const state = useFeedbackPromptState({
    survey,
    open: options.open,
    defaultOpen: options.defaultOpen,
    onOpenChange: options.onOpenChange,
  });
  const { settle, beginSending, setOpen } = state;
  const { pendingCount, watchQueued } = useOutboxStatus(client, settle);

  // Displays run after an await: they read the latest state through this ref, not a stale closure.
  const live = useRef({ open: state.open, setOpen });
  useEffect(() => {
    live.current = { open: state.open, setOpen };
  });
  const displaying = useRef(false);

  const show = useCallback((target: VisitorSurvey, source: FeedbackOpenSource) => {
    setActiveId(target.id);
    setOpenedFrom(source);
    live.current.setOpen(true);
  }, []);

  /** Asks the server whether `target` may show now; opens it when accepted. */
  const requestDisplay = useCallback(
    async (target: VisitorSurvey, source: 'trigger' | 'code'): Promise<boolean> => {
      if (displaying.current) return false;
      displaying.current = true;
      try {
        const { accepted } = await client.feedback.recordEvent({ surveyId: target.id, type: 'display', source });
        if (accepted) show(target, source);
        return accepted;
      } catch {
        return false; // the rules could not be checked: stay closed
      } finally {
        displaying.current = false;
      }
    },
    [client, show],
  );

  useFeedbackTriggers(client, triggers, win, bootstrap.data ? candidates : undefined, (target, source) => {
    if (!live.current.open) void requestDisplay(target, source);
  });

  const openFrom = useCallback(
    async (source: 'tab' | 'code'): Promise<boolean> => {
      if (!survey) return false;
      if (source === 'code') return requestDisplay(survey, 'code');
      // The visitor asked for it: open at once; the server always records a tab display.
      show(survey, 'tab');
      client.feedback.recordEvent({ surveyId: survey.id, type: 'display', source: 'tab' }).catch(() => undefined);
      return true;
    },
    [client, survey, requestDisplay, show],
  );

  const { step } = state;
  const dismiss = useCallback(() => {
    setOpen(false);
    if (!survey || step === 'sending' || step === 'thanks' || step === 'queued') return;
    const event = { surveyId: survey.id, type: 'dismiss', source: openedFrom ?? 'code' } as const;
    client.feedback.recordEvent(event).catch(() => undefined);
  }, [client, survey, step, openedFrom, setOpen]);

  const { score, text, contactRequested, band } = state;
  const submit = useCallback(async () => {
    if (!survey || step === 'sending') return;
    const answer = {
      surveyId: survey.id,
      score: survey.kind === 'text' ? null : score,
      text: text.trim() || null,
      contactRequested,
      pageUrl: win ? (win.location.pathname + win.location.search).slice(0, MAX_PAGE_URL) : undefined,
    };
    beginSending();
    try {
      const result = await client.feedback.submit(answer, { survey });
      if (result.status === 'sent') {
        settle({ step: 'thanks', sent: echoOf(result.response) });
      } else {
        watchQueued(result.submission.id);
        settle({ step: 'queued', sent: { score: answer.score, band, text: answer.text, contactRequested } });
      }
    } catch (error) {
      settle({ step: 'error', error: toRapportError(error) });
    }
  }, [client, survey, step, score, text, contactRequested, band, win, beginSending, settle, watchQueued]);

  const { hasFollowUp, canSubmit, next: showFollowUp } = state;
  const next = useCallback(() => {
    if (step === 'rating' && hasFollowUp) showFollowUp();
    else if (canSubmit) void submit();
  }, [step, hasFollowUp, canSubmit, showFollowUp, submit]);

  return { ...state, status: bootstrap.status, openedFrom, openFrom, dismiss, next, submit, pendingCount };
}
