import { usePreferences } from '@rapport/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useId, useState, type ReactNode } from 'react';
import { expect, waitFor } from 'storybook/test';
import { withRapport } from '../stories/withRapport.js';
import { PreferenceCenter } from './PreferenceCenter.js';
import { PreferenceCenterView as View } from './PreferenceCenterView.js';

// Examples for the docs page (PreferenceCenter.mdx): restyling and a layout of your own from the parts.

/** Tokens set on a wrapper restyle the widgets inside it; the per-widget ones only this widget. */
export const tokensCss = `.account-page {
  --rapport-preference-center-surface: #f7f3ea;
  --rapport-preference-center-text: #2b211a;
  --rapport-preference-center-muted: #5c4a3a;
  --rapport-preference-center-border: #d9c7ad;
  --rapport-preference-center-accent: #1f4d3a;
  --rapport-preference-center-radius: 1rem;
  --rapport-preference-center-width: 44rem;
}`;

/** Classes and `data-state` attributes are public API; unlayered rules win over `@layer rapport`. */
export const classesCss = `.settings-page .rapport-preference-center__topics {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
}
.settings-page .rapport-preference-center__topic[data-state='required'] {
  background: var(--rapport-color-surface-muted);
  border-style: dashed;
}`;

const meta = {
  title: 'Preferences/PreferenceCenter/Examples',
  component: PreferenceCenter,
  decorators: [withRapport],
  parameters: { rapport: {} },
  excludeStories: /Css$/,
} satisfies Meta<typeof PreferenceCenter>;

export default meta;
type Story = StoryObj<typeof meta>;

const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('.rapport-preference-center')!;

export const RestyledWithTokens: Story = {
  name: 'Restyled with tokens',
  render: (args) => (
    <div className="account-page">
      <style>{tokensCss}</style>
      <PreferenceCenter {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('group', { name: 'Offers' });
    await expect(getComputedStyle(root(canvasElement)).backgroundColor).toBe('rgb(247, 243, 234)');
    await expect(getComputedStyle(root(canvasElement)).borderTopLeftRadius).toBe('16px');
  },
};

export const RestyledWithClasses: Story = {
  name: 'Restyled with classes and data-state',
  render: (args) => (
    <div className="settings-page">
      <style>{classesCss}</style>
      <PreferenceCenter {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    const orders = await canvas.findByRole('group', { name: 'Orders and receipts' });
    await expect(getComputedStyle(orders).borderTopStyle).toBe('dashed');
    const topics = canvasElement.querySelector('.rapport-preference-center__topics')!;
    await expect(getComputedStyle(topics).display).toBe('grid');
  },
};

/**
 * One switch of your own ("Email me offers"), from the parts around `usePreferences()`: a native switch named
 * by its label and described by the topic, the double opt-in note, and a status region for the outcome.
 */
function OffersByEmail(): ReactNode {
  const preferences = usePreferences();
  const id = useId();
  const [outcome, setOutcome] = useState<'idle' | 'saved' | 'failed'>('idle');
  const topic = preferences.catalog?.topics.find((t) => t.id === 'offers');
  if (!topic || !preferences.state) return null;
  const state = preferences.choiceOf('offers', 'email');
  return (
    <View.Root state="ready" aria-labelledby={`${id}-title`} style={{ inlineSize: '24rem' }}>
      <View.Title id={`${id}-title`}>Offers</View.Title>
      <View.Channel state={state}>
        <View.ChannelToggle
          checked={state !== 'off'}
          aria-describedby={`${id}-description ${id}-pending`}
          onChange={(event) =>
            void preferences
              .setChoice('offers', 'email', event.currentTarget.checked)
              .then((saved) => setOutcome(saved ? 'saved' : 'failed'))
          }
        />
        <span>Email me offers</span>
      </View.Channel>
      <View.TopicDescription id={`${id}-description`}>{topic.description}</View.TopicDescription>
      <View.Pending id={`${id}-pending`}>{state === 'pending' ? 'Check your inbox to confirm' : ''}</View.Pending>
      <View.Status state={outcome}>{{ idle: '', saved: 'Saved.', failed: 'Not saved: we put it back.' }[outcome]}</View.Status>
    </View.Root>
  );
}

export const CustomLayout: Story = {
  name: 'Custom layout from the parts',
  render: () => <OffersByEmail />,
  play: async ({ canvas, userEvent }) => {
    const toggle = await canvas.findByRole('switch', { name: 'Email me offers' });
    await expect(toggle).not.toBeChecked();
    await userEvent.click(toggle);
    await expect(await canvas.findByText('Check your inbox to confirm')).toBeVisible();
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Saved.'));
  },
};
