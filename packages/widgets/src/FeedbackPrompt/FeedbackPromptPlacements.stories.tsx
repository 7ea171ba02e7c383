import { useRapportClient } from '@rapport/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { expect, waitFor } from 'storybook/test';
import type { StoryClientOptions } from '../stories/createStoryClient.js';
import { bootstrapFixture, surveyFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { FeedbackPrompt, type FeedbackPromptProps } from './FeedbackPrompt.js';

/** A page around the prompt, with a button that asks for feedback from code (`client.feedback.show()`). */
function PageWithPrompt(props: FeedbackPromptProps): ReactNode {
  const client = useRapportClient();
  return (
    <main style={{ minHeight: '32rem', fontFamily: 'system-ui' }}>
      <h1 style={{ fontSize: '1.25rem' }}>Your order is on its way</h1>
      <button type="button" onClick={() => client.feedback.show()}>
        Tell us what you think
      </button>
      <FeedbackPrompt {...props} />
    </main>
  );
}

const withSurvey = (survey: ReturnType<typeof surveyFixture>, options: Omit<StoryClientOptions, 'bootstrap'> = {}) => ({
  rapport: { ...options, bootstrap: bootstrapFixture({ surveys: [survey] }) },
});

const inline = surveyFixture('nps');
const popover = surveyFixture('csat', { placement: 'popover', followUps: {} });
const onDemand = surveyFixture('ces', { placement: 'popover', triggers: [], followUps: {} });
const tab = surveyFixture('thumbs', { placement: 'tab', triggers: [], followUps: {} });

const meta = {
  title: 'Feedback/FeedbackPrompt/Placements',
  component: PageWithPrompt,
  decorators: [withRapport],
  parameters: withSurvey(inline),
} satisfies Meta<typeof PageWithPrompt>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Inline: Story = {
  args: { placement: 'inline' },
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByRole('group', { name: inline.question })).toBeVisible();
    const root = canvasElement.querySelector('[data-slot="feedback-prompt-root"]');
    await expect(root).toHaveAttribute('data-placement', 'inline');
    await expect(root).not.toHaveAttribute('role');
    await expect(canvas.queryByRole('dialog')).toBeNull();
  },
};

export const Popover: Story = {
  args: { placement: 'popover' },
  parameters: withSurvey(popover),
  play: async ({ canvas, userEvent }) => {
    // The page-view trigger opened it: a named, non-modal dialog that took focus.
    const dialog = await canvas.findByRole('dialog', { name: popover.question });
    await expect(dialog).not.toHaveAttribute('aria-modal');
    await waitFor(() => expect(dialog).toHaveFocus());
    await userEvent.tab();
    await userEvent.tab();
    await expect(canvas.getByRole('radio', { name: '1 — Very dissatisfied' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight>3/}');
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('We heard: 4 out of 5'));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
  },
};

export const PopoverEscape: Story = {
  name: 'Popover: Escape closes, focus returns',
  args: { placement: 'popover' },
  parameters: withSurvey(onDemand),
  play: async ({ canvas, userEvent }) => {
    const opener = canvas.getByRole('button', { name: 'Tell us what you think' });
    await userEvent.tab();
    await expect(opener).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const dialog = await canvas.findByRole('dialog', { name: onDemand.question });
    await waitFor(() => expect(dialog).toHaveFocus());
    await userEvent.tab();
    await userEvent.tab();
    await expect(canvas.getByRole('radio', { name: '1 — Very difficult' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    await expect(opener).toHaveFocus();
  },
};

export const Tab: Story = {
  name: 'Feedback tab',
  args: { placement: 'tab' },
  parameters: withSurvey(tab),
  play: async ({ canvas, userEvent }) => {
    const button = await canvas.findByRole('button', { name: 'Feedback' });
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.tab();
    await userEvent.tab();
    await expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const dialog = await canvas.findByRole('dialog', { name: tab.question });
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(button).toHaveAttribute('aria-controls', dialog.id);
    await waitFor(() => expect(dialog).toHaveFocus());
    await userEvent.tab();
    await userEvent.tab();
    await expect(canvas.getByRole('radio', { name: 'Yes' })).toHaveFocus();
    await userEvent.keyboard(' ');
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Send' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    const status = canvas.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Thank you for your feedback!'));
    await expect(status).toHaveTextContent('We heard: Yes');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    await expect(button).toHaveFocus();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  },
};

export const TabDark: Story = {
  name: 'Feedback tab (dark, open)',
  globals: { theme: 'dark' },
  args: { placement: 'tab', defaultOpen: true },
  parameters: withSurvey(tab),
  play: async ({ canvas }) => {
    const dialog = await canvas.findByRole('dialog', { name: tab.question });
    // Visible once its (short, motion-respecting) entrance has run.
    await waitFor(() => expect(dialog).toBeVisible());
    await expect(canvas.getByRole('button', { name: 'Feedback' })).toHaveAttribute('aria-expanded', 'true');
  },
};
