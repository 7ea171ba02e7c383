import type { LoopReply, SurveyKind, VisitorSurvey } from '@rapport/core';
import type { FeedbackEcho, FeedbackPromptResult } from '@rapport/react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useLocaleFormat } from '../internal/useLocaleFormat.js';
import { FeedbackForm } from './FeedbackForm.js';
import type { FeedbackPromptMessages } from './feedbackPromptMessages.js';
import type { FeedbackPromptParts, FeedbackPromptState } from './FeedbackPromptView.js';
import { scoreAnswer } from './FeedbackScale.js';

/**
 * What the panel shows. (While loading, and when loading failed, `<FeedbackPrompt />` shows its shell without
 * the panel's code.)
 */
export type PanelContent =
  | { kind: 'reply'; reply: LoopReply }
  | { kind: 'survey'; survey: VisitorSurvey; prompt: FeedbackPromptResult };

interface PanelProps extends Omit<ComponentPropsWithRef<'div'>, 'children' | 'content'> {
  content: PanelContent;
  /** The parts to render with (`FeedbackPromptView`), passed in so this lazy chunk shares no module with the index. */
  parts: FeedbackPromptParts;
  /** The resolved strings. */
  text: FeedbackPromptMessages;
  /** Locale and time zone for numbers and dates (`undefined`: the browser's). */
  locale: string | undefined;
  timeZone: string | undefined;
  /** The kind of a survey by id (for wording a reply's score), when the survey is still active. */
  kindOf: (surveyId: string) => SurveyKind | undefined;
  /** Id given to the question, which labels the dialog and the scale. */
  questionId: string;
  /** Closes the prompt (the × button). */
  onDismiss: () => void;
  /** "Got it" on a reply. */
  onAcknowledge: (reply: LoopReply) => void;
}

const SURVEY_STATES: Record<FeedbackPromptResult['step'], FeedbackPromptState> = {
  rating: 'question',
  followUp: 'question',
  sending: 'submitting',
  thanks: 'thanks',
  queued: 'queued',
  error: 'failed',
};

function stateOf(content: PanelContent): FeedbackPromptState {
  return content.kind === 'survey' ? SURVEY_STATES[content.prompt.step] : content.kind;
}

/** Words for what the visitor said: their score for the survey's kind and their text. */
function saidText(
  kind: SurveyKind | undefined,
  answer: Pick<FeedbackEcho, 'score' | 'text'>,
  text: FeedbackPromptMessages,
  format: (n: number) => string,
): string {
  const { score } = answer;
  const scoreWords =
    score === null ? null : kind && kind !== 'text' ? scoreAnswer(kind, score, text, format) : format(score);
  return text.said(scoreWords, answer.text);
}

/** The prompt's root and what it shows now: a reply, or the survey and its outcome. */
export function FeedbackPromptPanel(props: PanelProps): ReactNode {
  const { content, parts: View, text, locale, timeZone, kindOf, questionId, onDismiss, onAcknowledge, ...root } = props;
  const format = useLocaleFormat(locale, timeZone);
  const state = stateOf(content);
  const question = content.kind === 'survey' ? content.survey.question : content.reply.question;
  const header = (
    <View.Header>
      <View.Question id={questionId}>{question}</View.Question>
      <View.Dismiss aria-label={text.dismiss} onClick={onDismiss}>
        <span aria-hidden="true">×</span>
      </View.Dismiss>
    </View.Header>
  );

  let body: ReactNode = null;
  let status: ReactNode = null;
  if (content.kind === 'reply') {
    const { reply } = content;
    const said = saidText(kindOf(reply.surveyId), reply, text, format.number);
    body = (
      <View.Reply state={reply.message === null ? 'resolved' : 'replied'}>
        <View.ReplyText>{text.toldUs(said, reply.message ?? text.resolved)}</View.ReplyText>
        <View.ReplyDate dateTime={reply.repliedAt}>{text.repliedOn(format.date(reply.repliedAt))}</View.ReplyDate>
        <View.Actions>
          <View.Acknowledge onClick={() => onAcknowledge(reply)}>{text.acknowledge}</View.Acknowledge>
        </View.Actions>
      </View.Reply>
    );
  } else {
    const { survey, prompt } = content;
    const { step, sent } = prompt;
    const echo = sent && <View.Echo>{text.heard(saidText(survey.kind, sent, text, format.number))}</View.Echo>;
    if (step === 'thanks') {
      status = (
        <>
          <View.Thanks>{survey.thankYou}</View.Thanks>
          {echo}
        </>
      );
    } else if (step === 'queued') {
      status = (
        <>
          <View.Queued>{text.queued}</View.Queued>
          {echo}
        </>
      );
    } else {
      body = (
        <FeedbackForm
          parts={View}
          prompt={prompt}
          survey={survey}
          text={text}
          format={format.number}
          questionId={questionId}
        />
      );
      if (step === 'error' && prompt.error) status = <View.Error>{text.submitError(prompt.error)}</View.Error>;
    }
  }

  return (
    <View.Root
      tabIndex={-1}
      {...root}
      state={state}
      // Only a role (the popover's `dialog`) may be named; a plain inline container must not be.
      aria-labelledby={root.role ? questionId : root['aria-labelledby']}
    >
      {header}
      {body}
      <View.Status>{status}</View.Status>
    </View.Root>
  );
}
