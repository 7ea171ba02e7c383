import { SCORE_RANGES, type SurveyKind } from '@rapport/core';
import type { ReactNode, Ref } from 'react';
import type { FeedbackPromptMessages } from './feedbackPromptMessages.js';
import type { FeedbackPromptParts } from './FeedbackPromptView.js';

/** A survey kind that asks for a score. */
export type ScoredKind = Exclude<SurveyKind, 'text'>;

/** The scores of a kind in the order shown: ascending, except thumbs (Yes first). */
export function scaleScores(kind: ScoredKind): number[] {
  if (kind === 'thumbs') return [1, 0];
  const { min, max } = SCORE_RANGES[kind];
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

/** The caption of a score, when it has one: the ends of NPS and CES, every CSAT score, both thumbs. */
export function scoreCaption(kind: ScoredKind, score: number, text: FeedbackPromptMessages): string | null {
  const { min, max } = SCORE_RANGES[kind];
  switch (kind) {
    case 'thumbs':
      return score === 1 ? text.thumbsUp : text.thumbsDown;
    case 'csat':
      return text.csat[score - 1] ?? null;
    case 'nps':
      return score === min ? text.npsLow : score === max ? text.npsHigh : null;
    case 'ces':
      return score === min ? text.cesLow : score === max ? text.cesHigh : null;
  }
}

/** A score as the visitor reads it back ("9 out of 10", "Yes"). */
export function scoreAnswer(
  kind: ScoredKind,
  score: number,
  text: FeedbackPromptMessages,
  format: (n: number) => string,
): string {
  if (kind === 'thumbs') return score === 1 ? text.thumbsUp : text.thumbsDown;
  return text.scoreOutOf(format(score), format(SCORE_RANGES[kind].max));
}

interface FeedbackScaleProps {
  parts: FeedbackPromptParts;
  kind: ScoredKind;
  /** The radio group's `name`: unique per prompt. */
  name: string;
  /** Id of the question that labels the group. */
  labelledBy: string;
  /** Id of a message about the group (e.g. "Choose a score first"), when shown. */
  describedBy: string | undefined;
  value: number | null;
  onChange: (score: number) => void;
  disabled: boolean;
  text: FeedbackPromptMessages;
  format: (n: number) => string;
  /** The first radio, to move focus to when the visitor must choose. */
  firstRadioRef?: Ref<HTMLInputElement>;
}

/**
 * The score group: a `<fieldset>` of native radios, so arrow keys move between scores and Tab leaves the
 * group with no script. Numbered options show the number and carry their caption in the accessible name
 * ("0 — Not at all likely"); the visible end captions are hidden from assistive technology.
 */
export function FeedbackScale(props: FeedbackScaleProps): ReactNode {
  const { parts: View, kind, name, value, text, format } = props;
  const scores = scaleScores(kind);
  const first = scores[0]!;
  const last = scores[scores.length - 1]!;
  return (
    <View.Scale
      state={kind}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      disabled={props.disabled}
    >
      <View.Options>
        {scores.map((score) => {
          const caption = scoreCaption(kind, score, text);
          const number = format(score);
          return (
            <View.Option key={score} state={value === score ? 'checked' : 'unchecked'}>
              <View.Radio
                ref={score === first ? props.firstRadioRef : undefined}
                name={name}
                value={score}
                checked={value === score}
                onChange={() => props.onChange(score)}
              />
              {kind === 'thumbs' ? (
                caption
              ) : caption ? (
                <>
                  <span aria-hidden="true">{number}</span>
                  <span className="rapport-visually-hidden">{text.option(number, caption)}</span>
                </>
              ) : (
                number
              )}
            </View.Option>
          );
        })}
      </View.Options>
      {kind !== 'thumbs' && (
        <View.Ends>
          <span>{scoreCaption(kind, first, text)}</span>
          <span>{scoreCaption(kind, last, text)}</span>
        </View.Ends>
      )}
    </View.Scale>
  );
}
