import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import type { StoryClientOptions } from '../stories/createStoryClient.js';
import { bootstrapFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { VisitorStatus } from './VisitorStatus.js';

const rapport = (options: StoryClientOptions) => ({ rapport: options });

const meta = {
  title: 'Visitor/VisitorStatus',
  component: VisitorStatus,
  decorators: [withRapport],
  parameters: rapport({ mode: 'ready', bootstrap: bootstrapFixture() }),
} satisfies Meta<typeof VisitorStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Known: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Signed in as Ada Lovelace')).toBeVisible();
    await expect(canvas.getByText('on Analytical Engines Ltd')).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveAttribute('data-state', 'ready');
  },
};

export const Anonymous: Story = {
  parameters: rapport({ mode: 'ready', bootstrap: bootstrapFixture({ kind: 'anonymous' }) }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Browsing as a guest')).toBeVisible();
  },
};

export const KnownWithoutName: Story = {
  parameters: rapport({ mode: 'ready', bootstrap: bootstrapFixture({ displayName: null }) }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Signed in')).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: rapport({ mode: 'loading' }),
  play: async ({ canvas }) => {
    const root = canvas.getByRole('status');
    await expect(root).toHaveAttribute('aria-busy', 'true');
    await expect(root).toHaveAttribute('data-state', 'loading');
  },
};

export const ErrorState: Story = {
  name: 'Error',
  parameters: rapport({ mode: 'error' }),
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByText('We couldn’t load your visitor status.')).toBeVisible();
    const retry = canvas.getByRole('button', { name: 'Retry' });
    // Start from the document, whatever the story before left focused: the button is the page's only stop.
    (retry.ownerDocument.activeElement as HTMLElement | null)?.blur();
    await userEvent.tab();
    await expect(retry).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    // Still failing: the message and the button stay, and focus stays on the button.
    await expect(await canvas.findByRole('button', { name: 'Retry' })).toHaveFocus();
    await expect(canvas.getByRole('status')).toHaveAttribute('data-state', 'error');
  },
};

export const RetryRecovers: Story = {
  parameters: rapport({ mode: 'error-once', bootstrap: bootstrapFixture() }),
  play: async ({ canvas, userEvent }) => {
    const retry = await canvas.findByRole('button', { name: 'Retry' });
    await userEvent.tab();
    await expect(retry).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('Signed in as Ada Lovelace')).toBeVisible();
    const root = canvas.getByRole('status');
    await expect(root).toHaveAttribute('data-state', 'ready');
    // The button is gone; focus moved to the widget instead of falling back to the page.
    await waitFor(() => expect(root).toHaveFocus());
  },
};

export const LongName: Story = {
  parameters: rapport({
    mode: 'ready',
    bootstrap: bootstrapFixture({
      displayName: 'Augusta Ada King, Countess of Lovelace, née Byron, Analyst of the Analytical Engine',
      siteName: 'The Extraordinarily Long-Named Emporium of Difference and Analytical Engines',
    }),
  }),
  decorators: [(Story) => <div style={{ maxWidth: '20rem' }}><Story /></div>],
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/^Signed in as Augusta Ada King/)).toBeVisible();
  },
};

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Signed in as Ada Lovelace')).toBeVisible();
    await expect(canvas.getByRole('status').closest('[data-rapport-theme]')).toHaveAttribute(
      'data-rapport-theme',
      'dark',
    );
  },
};

export const DarkThemeError: Story = {
  globals: { theme: 'dark' },
  parameters: rapport({ mode: 'error' }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Retry' })).toBeVisible();
  },
};

export const CustomMessages: Story = {
  args: {
    messages: { signedInAs: (name) => `Connectée en tant que ${name}`, site: (site) => `sur ${site}` },
    lang: 'fr',
  },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Connectée en tant que Ada Lovelace')).toBeVisible();
  },
};
