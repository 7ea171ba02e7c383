import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { StoryClientOptions } from '../stories/createStoryClient.js';
import { bootstrapFixture, loopReplyFixture, surveyFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { FeedbackPrompt } from './FeedbackPrompt.js';

const rapport = (options: StoryClientOptions) => ({ rapport: options });
const withSurvey = (survey: ReturnType<typeof surveyFixture>, options: Omit<StoryClientOptions, 'bootstrap'> = {}) =>
  rapport({ ...options, bootstrap: bootstrapFixture({ surveys: [survey] }) });

const nps = surveyFixture('nps');
type Play = Pick<StoryContext, 'canvas' | 'userEvent'>;

/** Tab from the page into the prompt: past its close button, to the first control (a radio or the answer box). */
async function tabIntoPrompt({ canvas, userEvent }: Play) {
  await canvas.findByRole('button', { name: 'Close feedback' });
  await userEvent.tab();
  await expect(canvas.getByRole('button', { name: 'Close feedback' })).toHaveFocus();
  await userEvent.tab();
}

/** Tab to the form's button and press Enter. */
async function pressSubmit({ canvas, userEvent }: Play, name: 'Next' | 'Send') {
  await userEvent.tab();
  await expect(canvas.getByRole('button', { name })).toHaveFocus();
  await userEvent.keyboard('{Enter}');
}

/** The announcement region holds `texts` once the answer is settled. */
async function expectAnnounced({ canvas }: Play, ...texts: string[]) {
  const status = canvas.getByRole('status');
  for (const text of texts) await waitFor(() => expect(status).toHaveTextContent(text));
}

/** NPS 9 with its follow-up, keyboard only. */
async function answerNps(context: Play) {
  const { canvas, userEvent } = context;
  await tabIntoPrompt(context);
  await expect(canvas.getByRole('radio', { name: '0 — Not at all likely' })).toHaveFocus();
  await userEvent.keyboard('{ArrowRight>9/}');
  await expect(canvas.getByRole('radio', { name: '9' })).toBeChecked();
  await pressSubmit(context, 'Next');
  const why = await canvas.findByRole('textbox', { name: 'What do you like most?' });
  await waitFor(() => expect(why).toHaveFocus());
  await userEvent.keyboard('Fast delivery');
  await expect(canvas.getByText('487 characters left')).toBeVisible();
  await pressSubmit(context, 'Send');
}

const meta = {
  title: 'Feedback/FeedbackPrompt',
  component: FeedbackPrompt,
  decorators: [withRapport],
  parameters: withSurvey(nps),
} satisfies Meta<typeof FeedbackPrompt>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Nps: Story = {
  name: 'NPS (inline)',
  play: async (context) => {
    await expect(await context.canvas.findByRole('group', { name: nps.question })).toBeVisible();
    await answerNps(context);
    await expectAnnounced(context, 'Thank you for your feedback!', 'We heard: 9 out of 10 — “Fast delivery”');
  },
};

export const Csat: Story = {
  name: 'CSAT',
  parameters: withSurvey(surveyFixture('csat')),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await tabIntoPrompt(context);
    await expect(canvas.getByRole('radio', { name: '1 — Very dissatisfied' })).toHaveFocus();
    await userEvent.keyboard(' ');
    await pressSubmit(context, 'Next');
    const why = await canvas.findByRole('textbox', { name: 'What can we do to make this right?' });
    await waitFor(() => expect(why).toHaveFocus());
    await userEvent.keyboard('It arrived late');
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'We heard: 1 out of 5 — “It arrived late”');
  },
};

export const Ces: Story = {
  name: 'CES',
  parameters: withSurvey(surveyFixture('ces', { followUps: {} })),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await tabIntoPrompt(context);
    await expect(canvas.getByRole('radio', { name: '1 — Very difficult' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight>6/}');
    await expect(canvas.getByRole('radio', { name: '7 — Very easy' })).toBeChecked();
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'Thank you for your feedback!', 'We heard: 7 out of 7');
  },
};

export const Thumbs: Story = {
  parameters: withSurvey(surveyFixture('thumbs', { followUps: {} })),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await tabIntoPrompt(context);
    await expect(canvas.getByRole('radio', { name: 'Yes' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('radio', { name: 'No' })).toBeChecked();
    await userEvent.keyboard('{ArrowLeft}');
    await expect(canvas.getByRole('radio', { name: 'Yes' })).toBeChecked();
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'We heard: Yes');
  },
};

export const Text: Story = {
  parameters: withSurvey(surveyFixture('text')),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await tabIntoPrompt(context);
    await expect(canvas.getByRole('textbox', { name: 'What could we do better?' })).toHaveFocus();
    await userEvent.keyboard('More colours, please');
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'We heard: “More colours, please”');
  },
};

export const FollowUp: Story = {
  name: 'Follow-up (detractor, contact request)',
  parameters: withSurvey(surveyFixture('nps', { allowContactRequest: true })),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await tabIntoPrompt(context);
    await userEvent.keyboard('{ArrowRight>3/}');
    await pressSubmit(context, 'Next');
    const why = await canvas.findByRole('textbox', { name: 'What can we do to make this right?' });
    await waitFor(() => expect(why).toHaveFocus());
    await userEvent.keyboard('Delivery took two weeks');
    await userEvent.tab();
    const contact = canvas.getByRole('checkbox', { name: 'I’d like someone to contact me about this' });
    await expect(contact).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect(contact).toBeChecked();
    await expect(canvas.getByRole('radio', { name: '3' })).toBeChecked();
  },
};

export const Submitted: Story = {
  name: 'Submitted (thanks)',
  parameters: withSurvey(surveyFixture('thumbs', { followUps: {}, thankYou: 'Thanks — that helps us a lot.' })),
  play: async (context) => {
    await tabIntoPrompt(context);
    await context.userEvent.keyboard(' ');
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'Thanks — that helps us a lot.', 'We heard: Yes');
    const root = context.canvasElement.querySelector('[data-slot="feedback-prompt-root"]');
    await expect(root).toHaveAttribute('data-state', 'thanks');
    await waitFor(() => expect(root).toHaveFocus());
  },
};

export const Sending: Story = {
  parameters: withSurvey(surveyFixture('thumbs', { followUps: {} }), { feedback: 'pending' }),
  play: async (context) => {
    await tabIntoPrompt(context);
    await context.userEvent.keyboard(' ');
    await pressSubmit(context, 'Send');
    const button = await context.canvas.findByRole('button', { name: 'Sending…' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button.closest('[data-slot="feedback-prompt-root"]')).toHaveAttribute('data-state', 'submitting');
  },
};

export const OfflineQueued: Story = {
  name: 'Offline (queued)',
  parameters: withSurvey(surveyFixture('thumbs', { followUps: {} }), { feedback: 'offline' }),
  play: async (context) => {
    await tabIntoPrompt(context);
    await context.userEvent.keyboard(' ');
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'Saved — we’ll send it when you’re back online', 'We heard: Yes');
  },
};

export const SubmitError: Story = {
  name: 'Error (answer refused)',
  parameters: withSurvey(surveyFixture('thumbs', { followUps: {} }), { feedback: 'error' }),
  play: async (context) => {
    await tabIntoPrompt(context);
    await context.userEvent.keyboard(' ');
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'We couldn’t send your answer. Please try again.');
    // The draft is kept: the visitor can send again from the same button.
    await expect(context.canvas.getByRole('radio', { name: 'Yes' })).toBeChecked();
    await expect(context.canvas.getByRole('button', { name: 'Send' })).toHaveFocus();
  },
};

export const Loading: Story = {
  parameters: rapport({ mode: 'loading' }),
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector('[data-slot="feedback-prompt-root"]');
    await expect(root).toHaveAttribute('data-state', 'loading');
    await expect(root).toHaveAttribute('aria-busy', 'true');
  },
};

export const LoadError: Story = {
  name: 'Error (survey not loaded)',
  parameters: rapport({ mode: 'error' }),
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByText('We couldn’t load this survey.')).toBeVisible();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Retry' })).toHaveFocus();
  },
};

export const ReplyShown: Story = {
  name: 'Reply shown (close the loop)',
  parameters: rapport({ bootstrap: bootstrapFixture({ surveys: [nps], replies: [loopReplyFixture()] }) }),
  play: async (context) => {
    const { canvas, userEvent } = context;
    const reply = await canvas.findByText(
      'You told us 4 out of 10 — “The checkout was slow” — We made checkout twice as fast.',
    );
    await expect(reply).toBeVisible();
    await expect(canvas.getByText('Replied on 3 May 2026')).toHaveAttribute('datetime', '2026-05-03T10:00:00.000Z');
    await tabIntoPrompt(context);
    await expect(canvas.getByRole('button', { name: 'Got it' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    // Acknowledged: the survey comes next, and the reply is gone for good.
    await expect(await canvas.findByRole('group', { name: nps.question })).toBeVisible();
    await expect(canvas.queryByText(/You told us/)).toBeNull();
  },
};

const long = (text: string, times: number) => Array.from({ length: times }, () => text).join(' ');

export const LongText: Story = {
  parameters: withSurvey(
    surveyFixture('csat', {
      question: long('How satisfied were you with the delivery, the packaging and the condition of your order?', 3),
      followUps: { neutral: long('Tell us what we could have done better, in as much detail as you like.', 4) },
      thankYou: long('Thank you — every answer is read by a person on our team.', 4),
    }),
  ),
  decorators: [(Story) => <div style={{ maxWidth: '20rem' }}><Story /></div>],
  args: {
    messages: {
      csat: [
        'Extraordinarily dissatisfied',
        'Dissatisfied',
        'Neither satisfied nor dissatisfied',
        'Satisfied',
        'Exceptionally satisfied',
      ],
    },
  },
  play: async (context) => {
    const { canvas, userEvent } = context;
    await tabIntoPrompt(context);
    await userEvent.keyboard('{ArrowRight>2/}');
    await expect(canvas.getByRole('radio', { name: '3 — Neither satisfied nor dissatisfied' })).toBeChecked();
    await pressSubmit(context, 'Next');
    await waitFor(() => expect(canvas.getByRole('textbox')).toHaveFocus());
    await userEvent.keyboard(long('Supercalifragilisticexpialidocious-packaging', 4));
    await pressSubmit(context, 'Send');
    await expectAnnounced(context, 'We heard: 3 out of 5 — “Supercalifragilistic');
  },
};

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  parameters: withSurvey(surveyFixture('nps', { allowContactRequest: true })),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await tabIntoPrompt(context);
    await userEvent.keyboard('{ArrowRight>2/}');
    await pressSubmit(context, 'Next');
    await waitFor(() => expect(canvas.getByRole('textbox')).toHaveFocus());
    const group = canvas.getByRole('group', { name: nps.question });
    await expect(within(group).getByRole('radio', { name: '2' })).toBeChecked();
    await expect(group.closest('[data-rapport-theme]')).toHaveAttribute('data-rapport-theme', 'dark');
  },
};

export const CustomMessages: Story = {
  args: {
    locale: 'fr-FR',
    lang: 'fr',
    messages: { dismiss: 'Fermer', submit: 'Envoyer', npsLow: 'Pas du tout probable', npsHigh: 'Très probable' },
  },
  parameters: withSurvey(surveyFixture('nps', { question: 'Nous recommanderiez-vous ?', followUps: {} })),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('radio', { name: '0 — Pas du tout probable' })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Fermer' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Envoyer' })).toBeVisible();
  },
};
