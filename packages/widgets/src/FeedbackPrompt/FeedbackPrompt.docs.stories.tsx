import { useFeedbackPrompt } from '@rapport/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useId, type FormEvent, type ReactNode } from 'react';
import { expect, waitFor } from 'storybook/test';
import { bootstrapFixture, surveyFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { FeedbackPrompt } from './FeedbackPrompt.js';
import { FeedbackPromptView as View } from './FeedbackPromptView.js';
import { useFeedbackPromptDialog } from './useFeedbackPromptDialog.js';

// Examples for the docs page (FeedbackPrompt.mdx): restyling and a layout of your own from the parts and hooks.

/** Tokens set on a wrapper restyle the widgets inside it; the per-widget ones only this widget. */
export const tokensCss = `.shop-survey {
  --rapport-feedback-prompt-surface: #f7f3ea;
  --rapport-feedback-prompt-text: #2b211a;
  --rapport-feedback-prompt-muted: #5c4a3a;
  --rapport-feedback-prompt-border: #d9c7ad;
  --rapport-feedback-prompt-accent: #1f4d3a;
  --rapport-feedback-prompt-accent-contrast: #f7f3ea;
  --rapport-feedback-prompt-radius: 1rem;
  --rapport-feedback-prompt-width: 30rem;
}`;

/** Classes and `data-state` attributes are public API; unlayered rules win over `@layer rapport`. */
export const classesCss = `.page-survey .rapport-feedback-prompt__option {
  border-radius: 999px;
}
.page-survey .rapport-feedback-prompt__option[data-state='checked'] {
  box-shadow: 0 0 0 2px var(--rapport-color-surface), 0 0 0 4px var(--rapport-color-accent);
}
.page-survey .rapport-feedback-prompt[data-state='thanks'] {
  border-inline-start: 6px solid var(--rapport-color-success);
}`;

const nps = surveyFixture('nps');
const thumbs = surveyFixture('thumbs', { followUps: {} });
const withSurvey = (survey: typeof nps) => ({ rapport: { bootstrap: bootstrapFixture({ surveys: [survey] }) } });

const meta = {
  title: 'Feedback/FeedbackPrompt/Examples',
  component: FeedbackPrompt,
  decorators: [withRapport],
  parameters: withSurvey(nps),
  excludeStories: /Css$/,
} satisfies Meta<typeof FeedbackPrompt>;

export default meta;
type Story = StoryObj<typeof meta>;

const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('.rapport-feedback-prompt')!;

export const RestyledWithTokens: Story = {
  name: 'Restyled with tokens',
  render: (args) => (
    <div className="shop-survey">
      <style>{tokensCss}</style>
      <FeedbackPrompt {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: '9' }));
    await expect(getComputedStyle(root(canvasElement)).backgroundColor).toBe('rgb(247, 243, 234)');
    const checked = canvasElement.querySelector('.rapport-feedback-prompt__option[data-state="checked"]')!;
    // After the option's background transition (--rapport-duration).
    await waitFor(() => expect(getComputedStyle(checked).backgroundColor).toBe('rgb(31, 77, 58)'));
  },
};

export const RestyledWithClasses: Story = {
  name: 'Restyled with classes and data-state',
  parameters: withSurvey(thumbs),
  render: (args) => (
    <div className="page-survey">
      <style>{classesCss}</style>
      <FeedbackPrompt {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: 'Yes' }));
    const option = canvasElement.querySelector('.rapport-feedback-prompt__option')!;
    await expect(getComputedStyle(option).borderTopLeftRadius).toBe('999px');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'thanks'));
    await expect(getComputedStyle(root(canvasElement)).borderInlineStartWidth).toBe('6px');
  },
};

/**
 * "Was this page helpful?" in one row: the parts (classes, data-slot, data-state) around `useFeedbackPrompt()`.
 * It keeps what makes the prompt accessible: a fieldset of native radios named by the question, a real submit
 * button, and a status region that stays mounted so the thanks is announced. `useFeedbackPromptDialog()` gives
 * it the prompt's focus handling: when the form goes away after Send, focus stays in the row, not on the page
 * (as a `popover` or `tab`, it would also take focus on open, close on Escape and give focus back).
 */
function HelpfulRow(): ReactNode {
  const prompt = useFeedbackPrompt({ placement: 'inline', triggers: false, defaultOpen: true });
  const { dialogProps } = useFeedbackPromptDialog({
    placement: 'inline',
    open: prompt.open,
    step: prompt.step,
    onClose: prompt.dismiss,
  });
  const questionId = useId();
  const { survey, step } = prompt;
  if (!survey) return null;
  const done = step === 'thanks' || step === 'queued';
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (prompt.canSubmit) void prompt.submit();
  };
  return (
    <View.Root
      {...dialogProps}
      state={done ? 'thanks' : step === 'sending' ? 'submitting' : 'question'}
      style={{ inlineSize: 'auto' }}
    >
      <View.Question id={questionId}>{survey.question}</View.Question>
      {!done && (
        <View.Form onSubmit={send} style={{ flexDirection: 'row', alignItems: 'center' }}>
          <View.Scale state="thumbs" aria-labelledby={questionId}>
            <View.Options>
              {[1, 0].map((score) => (
                <View.Option key={score} state={prompt.score === score ? 'checked' : 'unchecked'}>
                  <View.Radio name={questionId} checked={prompt.score === score} onChange={() => prompt.setScore(score)} />
                  {score === 1 ? 'Yes' : 'No'}
                </View.Option>
              ))}
            </View.Options>
          </View.Scale>
          <View.Submit state={step === 'sending' ? 'pending' : 'idle'}>Send</View.Submit>
        </View.Form>
      )}
      <View.Status>{done && <View.Thanks>{survey.thankYou}</View.Thanks>}</View.Status>
    </View.Root>
  );
}

export const CustomLayout: Story = {
  name: 'Custom layout from the parts',
  parameters: withSurvey(thumbs),
  render: () => <HelpfulRow />,
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: 'No' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Thank you for your feedback!'));
  },
};

export const CustomLayoutFocus: Story = {
  name: 'Custom layout: focus kept by useFeedbackPromptDialog',
  parameters: withSurvey(thumbs),
  render: () => <HelpfulRow />,
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: 'Yes' }));
    canvas.getByRole('button', { name: 'Send' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Thank you for your feedback!'));
    // Send went away with the form: focus rests on the row, not on the page.
    await waitFor(() => expect(root(canvasElement)).toHaveFocus());
  },
};
