import type { VisitorSurvey } from '@rapport/core';
import type { FeedbackPromptResult } from '@rapport/react';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import type { FeedbackPromptMessages } from './feedbackPromptMessages.js';
import type { FeedbackPromptParts } from './FeedbackPromptView.js';
import { FeedbackScale } from './FeedbackScale.js';

interface FeedbackFormProps {
  parts: FeedbackPromptParts;
  prompt: FeedbackPromptResult;
  survey: VisitorSurvey;
  text: FeedbackPromptMessages;
  format: (n: number) => string;
  /** Id of the question, which labels the scale (or a `text` survey's answer box). */
  questionId: string;
}

/**
 * The question being asked: the score group (or, for a `text` survey, the answer box), then — after "Next" —
 * the band's follow-up question and, for a detractor, the contact request; then Send.
 */
export function FeedbackForm({ parts: View, prompt, survey, text, format, questionId }: FeedbackFormProps): ReactNode {
  const id = useId();
  const [missing, setMissing] = useState(false);
  const firstRadio = useRef<HTMLInputElement>(null);
  const answer = useRef<HTMLTextAreaElement>(null);
  const contact = useRef<HTMLInputElement>(null);
  const { step } = prompt;
  const sending = step === 'sending';
  const showFollowUp = survey.kind !== 'text' && step !== 'rating' && prompt.hasFollowUp;

  // "Next" reveals the follow-up: the cursor goes where the visitor types next.
  useEffect(() => {
    if (step === 'followUp') (answer.current ?? contact.current)?.focus();
  }, [step]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    if (!prompt.canSubmit) {
      setMissing(true);
      (survey.kind === 'text' ? answer : firstRadio).current?.focus();
      return;
    }
    setMissing(false);
    if (step === 'rating') prompt.next();
    else void prompt.submit();
  };

  const missingId = `${id}-missing`;
  const answerBox = (labelledBy: { 'aria-labelledby': string } | { id: string }) => (
    <AnswerBox
      parts={View}
      ref={answer}
      countId={`${id}-count`}
      value={prompt.text}
      max={prompt.textMaxLength}
      readOnly={sending}
      describedBy={missing && survey.kind === 'text' ? missingId : undefined}
      onChange={(value) => {
        prompt.setText(value);
        if (value.trim()) setMissing(false);
      }}
      text={text}
      format={format}
      {...labelledBy}
    />
  );

  return (
    <View.Form onSubmit={onSubmit}>
      {survey.kind === 'text' ? (
        <View.FollowUp>{answerBox({ 'aria-labelledby': questionId })}</View.FollowUp>
      ) : (
        <FeedbackScale
          parts={View}
          kind={survey.kind}
          name={`${id}-score`}
          labelledBy={questionId}
          describedBy={missing ? missingId : undefined}
          value={prompt.score}
          onChange={(score) => {
            prompt.setScore(score);
            setMissing(false);
          }}
          disabled={sending}
          text={text}
          format={format}
          firstRadioRef={firstRadio}
        />
      )}
      {missing && (
        <View.Error id={missingId}>{survey.kind === 'text' ? text.textRequired : text.scoreRequired}</View.Error>
      )}
      {showFollowUp && prompt.followUpQuestion !== null && (
        <View.FollowUp>
          <View.FollowUpLabel htmlFor={`${id}-answer`}>{prompt.followUpQuestion}</View.FollowUpLabel>
          {answerBox({ id: `${id}-answer` })}
        </View.FollowUp>
      )}
      {showFollowUp && prompt.canRequestContact && (
        <View.ContactRequest>
          <View.ContactRequestInput
            ref={contact}
            checked={prompt.contactRequested}
            disabled={sending}
            onChange={(event) => prompt.setContactRequested(event.currentTarget.checked)}
          />
          {text.contactRequest}
        </View.ContactRequest>
      )}
      <View.Actions>
        <View.Submit state={sending ? 'pending' : 'idle'} aria-disabled={sending || undefined}>
          {sending ? text.submitting : step === 'rating' && prompt.hasFollowUp ? text.next : text.submit}
        </View.Submit>
      </View.Actions>
    </View.Form>
  );
}

interface AnswerBoxProps {
  parts: FeedbackPromptParts;
  ref: Ref<HTMLTextAreaElement>;
  id?: string;
  'aria-labelledby'?: string;
  countId: string;
  describedBy: string | undefined;
  value: string;
  max: number;
  readOnly: boolean;
  onChange: (value: string) => void;
  text: FeedbackPromptMessages;
  format: (n: number) => string;
}

/**
 * The answer box with its live character count. The count updates as the visitor types; screen readers hear
 * it only near the limit, once typing pauses, rather than on every keystroke.
 */
function AnswerBox(props: AnswerBoxProps): ReactNode {
  const { parts: View, countId, describedBy, max, text, format, onChange, ...box } = props;
  const left = Math.max(0, max - box.value.length);
  const state = left <= max / 10 ? 'near-limit' : 'ok';
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const next = state === 'near-limit' ? text.charactersLeft(format(left)) : '';
    const timer = setTimeout(() => setSpoken(next), 600);
    return () => clearTimeout(timer);
  }, [left, state, text, format]);
  return (
    <>
      <View.FollowUpInput
        {...box}
        maxLength={max}
        aria-describedby={[countId, describedBy].filter(Boolean).join(' ')}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <View.FollowUpCount id={countId} state={state}>
        {text.charactersLeft(format(left))}
      </View.FollowUpCount>
      <span className="rapport-visually-hidden" aria-live="polite">
        {spoken}
      </span>
    </>
  );
}
