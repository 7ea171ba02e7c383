import { devWarning } from '../internal/devWarning.js';

/**
 * Warns (once) that a loaded `<FeedbackPrompt>` asks nothing: the site has feedback `off`, or it matches no
 * active survey (naming its `surveyId` or `placement`). Call it under `process.env.NODE_ENV !== 'production'`,
 * so production builds drop it.
 */
export function warnNothingAsked(off: boolean, surveyId: string | undefined, placement: string | undefined): void {
  if (off) return devWarning('<FeedbackPrompt> renders nothing: feedback is switched off for this site.');
  const which = surveyId !== undefined ? ` surveyId="${surveyId}"` : placement ? ` placement="${placement}"` : '';
  devWarning(`<FeedbackPrompt${which}> matches no active survey, so it asks nothing.`);
}
