import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { StoryClientOptions } from '../stories/createStoryClient.js';
import {
  bootstrapFixture,
  preferenceCatalogFixture,
  preferencesFixture,
  preferenceStateFixture,
} from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { PreferenceCenter } from './PreferenceCenter.js';

type Play = Pick<StoryContext, 'canvas' | 'userEvent'>;
const catalog = preferenceCatalogFixture();
const rapport = (options: StoryClientOptions) => ({ rapport: options });
const withState = (state: Parameters<typeof preferenceStateFixture>[1], options: StoryClientOptions = {}) =>
  rapport({
    ...options,
    bootstrap: bootstrapFixture({ preferences: preferencesFixture({ state: preferenceStateFixture(catalog, state) }) }),
  });

/** A fixture state with `topicId`'s `channel` set to `state`. */
const withChoice = (topicId: string, channel: string, state: 'on' | 'pending') =>
  preferenceStateFixture(catalog).topics.map((topic) =>
    topic.topicId !== topicId
      ? topic
      : { ...topic, channels: topic.channels.map((c) => (c.channel === channel ? { ...c, state } : c)) },
  );

/** The switch for `channel` inside the topic named `topic`. */
async function switchOf({ canvas }: Play, topic: string, channel: string) {
  const group = await canvas.findByRole('group', { name: topic });
  const switches = canvas.getAllByRole('switch', { name: channel });
  const found = switches.find((s) => group.contains(s));
  if (!found) throw new Error(`No ${channel} switch in ${topic}`);
  return found;
}

/** Tabs from the page to `target`, keyboard only (at most 30 stops). */
async function tabTo({ userEvent }: Play, target: HTMLElement) {
  for (let i = 0; i < 30 && document.activeElement !== target; i++) await userEvent.tab();
  await expect(target).toHaveFocus();
}

async function expectAnnounced({ canvas }: Play, text: string) {
  await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(text));
}

const meta = {
  title: 'Preferences/PreferenceCenter',
  component: PreferenceCenter,
  decorators: [withRapport],
  parameters: rapport({}),
} satisfies Meta<typeof PreferenceCenter>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  name: 'Ready (everything off): opt in keyboard-only',
  play: async (context) => {
    const { canvas, userEvent } = context;
    const sms = await switchOf(context, 'Offers', 'SMS');
    for (const s of canvas.getAllByRole('switch')) {
      if (!(s as HTMLInputElement).disabled) await expect(s).not.toBeChecked();
    }
    await tabTo(context, sms);
    await userEvent.keyboard(' ');
    await expect(sms).toBeChecked();
    await expectAnnounced(context, 'Saved.');
    const offers = within(await canvas.findByRole('group', { name: 'Offers' }));
    await expect(offers.getByRole('radio', { name: 'As it happens' })).toBeChecked();
  },
};

export const PendingDoubleOptIn: Story = {
  name: 'Pending double opt-in (email)',
  play: async (context) => {
    const { userEvent, canvas } = context;
    const email = await switchOf(context, 'The Roast Report', 'Email');
    await tabTo(context, email);
    await userEvent.keyboard(' ');
    await expect(await canvas.findByText('Check your inbox to confirm')).toBeVisible();
    await expect(email).toBeChecked();
    await expect(email).toHaveAccessibleDescription(expect.stringContaining('Check your inbox to confirm'));
    await expectAnnounced(context, 'Saved.');
  },
};

export const FrequencyChoice: Story = {
  name: 'Frequency (arrow keys)',
  parameters: withState({ topics: withChoice('offers', 'push', 'on') }),
  play: async (context) => {
    const { canvas, userEvent } = context;
    const offers = within(await canvas.findByRole('group', { name: 'Offers' }));
    await tabTo(context, offers.getByRole('radio', { name: 'As it happens' }));
    await userEvent.keyboard('{ArrowRight}');
    await expect(offers.getByRole('radio', { name: 'Daily digest' })).toBeChecked();
    await expectAnnounced(context, 'Saved.');
  },
};

export const RequiredTopics: Story = {
  name: 'Required topics (locked on)',
  play: async (context) => {
    const receipts = await switchOf(context, 'Orders and receipts', 'Email');
    await expect(receipts).toBeChecked();
    await expect(receipts).toBeDisabled();
    await expect(receipts).toHaveAccessibleDescription(
      expect.stringContaining('Always on: we need these to run your orders'),
    );
  },
};

export const SaveFailureRolledBack: Story = {
  name: 'Save failure, rolled back',
  parameters: rapport({ preferences: 'refuse' }),
  play: async (context) => {
    const { userEvent } = context;
    const push = await switchOf(context, 'Product updates', 'Push');
    await tabTo(context, push);
    await userEvent.keyboard(' ');
    await expectAnnounced(context, 'Not saved — we put it back as it was.');
    await waitFor(() => expect(push).not.toBeChecked());
  },
};

export const Paused: Story = {
  parameters: withState({ pausedUntil: '2099-06-12T09:00:00.000Z', topics: withChoice('offers', 'sms', 'on') }),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await expect(await canvas.findByText('Paused until 12 June 2099')).toBeVisible();
    await tabTo(context, canvas.getByRole('button', { name: 'Resume now' }));
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByRole('button', { name: 'Pause for 1 month' })).toBeVisible();
    await expectAnnounced(context, 'Saved.');
  },
};

export const UnsubscribedAll: Story = {
  name: 'Unsubscribed from all',
  parameters: withState({ unsubscribedAll: true }),
  play: async (context) => {
    const { canvas, userEvent } = context;
    const resubscribe = await canvas.findByRole('button', { name: 'Resubscribe' });
    await expect(await switchOf(context, 'Offers', 'Email')).toBeDisabled();
    await tabTo(context, resubscribe);
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByRole('button', { name: 'Unsubscribe from all marketing' })).toBeVisible();
    await expect(await switchOf(context, 'Offers', 'Email')).toBeEnabled();
  },
};

export const Loading: Story = { parameters: rapport({ mode: 'loading' }) };

export const LoadError: Story = {
  name: 'Error',
  parameters: rapport({ mode: 'error' }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('We couldn’t load your preferences.')).toBeVisible();
  },
};

export const EmptyCatalog: Story = {
  name: 'Empty catalog',
  parameters: rapport({
    bootstrap: bootstrapFixture({
      preferences: preferencesFixture({ catalog: preferenceCatalogFixture({ topics: [] }) }),
    }),
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/nothing to choose yet/)).toBeVisible();
  },
};

export const Anonymous: Story = {
  name: 'Anonymous (sign in)',
  parameters: rapport({ bootstrap: bootstrapFixture({ kind: 'anonymous' }) }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Sign in to choose what we send you.')).toBeVisible();
  },
};

const long = 'A very long topic label that goes on to describe exactly what we would send you, in some detail';
export const LongLabels: Story = {
  name: 'Long labels',
  parameters: rapport({
    bootstrap: bootstrapFixture({
      preferences: preferencesFixture({
        catalog: preferenceCatalogFixture({
          topics: catalog.topics.map((t) => ({ ...t, label: `${t.label}: ${long}`, description: `${t.description} ${long}.` })),
          channels: catalog.channels.map((c) => ({ ...c, label: `${c.label} (to your primary verified address)` })),
        }),
      }),
    }),
  }),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findAllByRole('switch');
    const root = canvasElement.querySelector('.rapport-preference-center')!;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  globals: { theme: 'dark' },
  parameters: withState({ topics: withChoice('newsletter', 'email', 'pending') }),
  play: async ({ canvas }) => {
    const group = await canvas.findByRole('group', { name: 'The Roast Report' });
    await expect(group.closest('[data-rapport-theme]')).toHaveAttribute('data-rapport-theme', 'dark');
  },
};
