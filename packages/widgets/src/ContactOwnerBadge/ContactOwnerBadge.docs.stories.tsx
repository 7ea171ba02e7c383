import type { AvailabilityState } from '@rapport/core';
import { useContactOwner } from '@rapport/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ReactNode } from 'react';
import { expect } from 'storybook/test';
import { ownerSlotFixture, pinStoryClock } from '../stories/ownerFixtures.js';
import { bootstrapFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { ContactOwnerBadge } from './ContactOwnerBadge.js';
import { ContactOwnerBadgeView as View } from './ContactOwnerBadgeView.js';

// Examples for the docs page (ContactOwnerBadge.mdx): restyling and a layout of your own from the parts.

/** Tokens set on a wrapper restyle the widgets inside it; the per-widget ones only this widget. */
export const tokensCss = `.help-panel {
  --rapport-contact-owner-badge-surface: #f7f3ea;
  --rapport-contact-owner-badge-text: #2b211a;
  --rapport-contact-owner-badge-muted: #5c4a3a;
  --rapport-contact-owner-badge-border: #d9c7ad;
  --rapport-contact-owner-badge-accent: #1f4d3a;
  --rapport-contact-owner-badge-available: #2e7d32;
  --rapport-contact-owner-badge-radius: 1rem;
  --rapport-contact-owner-badge-avatar-size: 4rem;
}`;

/** Classes and `data-*` attributes are public API; unlayered rules win over `@layer rapport`. */
export const classesCss = `.contact-page [data-availability='away'] [data-state='owner'] .rapport-contact-owner-badge__photo {
  filter: grayscale(1);
}
.contact-page .rapport-contact-owner-badge__person[data-state='covering'] {
  padding: var(--rapport-space-3);
  border-radius: var(--rapport-radius);
  background: var(--rapport-color-surface-muted);
}
.contact-page .rapport-contact-owner-badge__channel {
  border-radius: 999px;
}`;

const withSlot = (slot: Parameters<typeof ownerSlotFixture>[0] = {}) => ({
  rapport: { bootstrap: bootstrapFixture({ owner: ownerSlotFixture(slot) }) },
});

const meta = {
  title: 'Owner/ContactOwnerBadge/Examples',
  component: ContactOwnerBadge,
  decorators: [withRapport],
  parameters: withSlot(),
  // Friday 27 November 2026, 16:00 in London, as in the widget's stories: the times read the same every day.
  beforeEach: () => pinStoryClock(),
  excludeStories: /Css$/,
} satisfies Meta<typeof ContactOwnerBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const part = (canvasElement: HTMLElement, slot: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-slot="owner-badge-${slot}"]`)!;

export const RestyledWithTokens: Story = {
  name: 'Restyled with tokens',
  render: (args) => (
    <div className="help-panel">
      <style>{tokensCss}</style>
      <ContactOwnerBadge {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByText('Maya P.');
    await expect(getComputedStyle(part(canvasElement, 'root')).backgroundColor).toBe('rgb(247, 243, 234)');
    await expect(getComputedStyle(part(canvasElement, 'avatar')).inlineSize).toBe('64px');
  },
};

export const RestyledWithClasses: Story = {
  name: 'Restyled with classes and data-state',
  parameters: withSlot({ state: 'away', covering: true }),
  render: (args) => (
    <div className="contact-page">
      <style>{classesCss}</style>
      <ContactOwnerBadge {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByText('Maya P. is away. Sam R. is covering.');
    await expect(getComputedStyle(part(canvasElement, 'photo')).filter).toBe('grayscale(1)');
    const covering = canvasElement.querySelector('[data-slot="owner-badge-person"][data-state="covering"]')!;
    await expect(getComputedStyle(covering).backgroundColor).toBe('rgb(241, 243, 245)');
  },
};

/** Availability in your own words (the widget's own sentences also say until when, in the visitor's zone). */
const IN_WORDS: Record<AvailabilityState, string> = {
  available: 'Available now',
  away: 'Away',
  out_of_office: 'Out of office',
  holiday: 'On holiday',
};

/**
 * A one-line "your contact" chip for a site header, from the parts around `useContactOwner()`: avatar (photo,
 * or initials when it fails), the dot with the availability also in words, and an email link.
 */
function ContactChip(): ReactNode {
  const { owner, availability } = useContactOwner();
  const [photoFailed, setPhotoFailed] = useState(false);
  if (!owner || !availability) return null;
  const photo = !photoFailed && owner.photoUrl;
  return (
    <View.Root state="ready" aria-label="Your contact" data-variant="badge" data-availability={availability.state}>
      <View.Person state="owner">
        <View.Avatar state={photo ? 'photo' : 'initials'}>
          {photo ? <View.Photo src={photo} onError={() => setPhotoFailed(true)} /> : <View.Initials>{owner.initials}</View.Initials>}
          <View.Dot state={availability.state} />
        </View.Avatar>
        <View.Details>
          <View.Name>{owner.name}</View.Name>
          <View.Availability state={availability.state}>{IN_WORDS[availability.state]}</View.Availability>
        </View.Details>
        {owner.channels.email && (
          <View.Channel state="email" href={`mailto:${owner.channels.email}`} aria-label={`Email ${owner.name}`}>
            Email
          </View.Channel>
        )}
      </View.Person>
    </View.Root>
  );
}

export const CustomLayout: Story = {
  name: 'Custom layout from the parts',
  render: () => <ContactChip />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('group', { name: 'Your contact' })).toHaveAttribute('data-availability', 'available');
    await expect(canvas.getByText('Available now')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Email Maya P.' })).toHaveAttribute('href', 'mailto:maya.patel@northwind.example');
  },
};
