import type { RapportClient, TriggerWatch, VisitorSurvey } from '@rapport/core';
import { useEffect, useRef } from 'react';
import type { FeedbackWindow } from './types.js';

/** Who is told when a survey's trigger (or "show now") fires. */
export type FireHandler = (survey: VisitorSurvey, source: 'trigger' | 'code') => void;

/**
 * Runs the client's trigger engine while `enabled`, over `surveys` (`undefined` while they load: `track` and
 * `show` calls made meanwhile are kept for them). Internal to `useFeedbackPrompt`.
 */
export function useFeedbackTriggers(
  client: RapportClient,
  enabled: boolean,
  win: FeedbackWindow | null,
  surveys: readonly VisitorSurvey[] | undefined,
  onFire: FireHandler,
): void {
  const onFireRef = useRef(onFire);
  useEffect(() => {
    onFireRef.current = onFire;
  });
  const engineRef = useRef<TriggerWatch | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const engine = client.feedback.watchTriggers({ window: win, onFire: (survey, source) => onFireRef.current(survey, source) });
    engineRef.current = engine;
    return () => {
      engine.destroy();
      engineRef.current = null;
    };
  }, [client, enabled, win]);

  useEffect(() => {
    if (surveys) engineRef.current?.setSurveys(surveys);
  }, [client, enabled, win, surveys]);
}
