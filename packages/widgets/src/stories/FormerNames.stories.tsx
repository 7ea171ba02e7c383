import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { expect } from 'storybook/test';
import { ContactOwnerBadge } from '../ContactOwnerBadge/ContactOwnerBadge.js';
import { FeedbackPrompt } from '../FeedbackPrompt/FeedbackPrompt.js';
import { LoyaltyCard } from '../LoyaltyCard/LoyaltyCard.js';
import { PreferenceCenter } from '../PreferenceCenter/PreferenceCenter.js';
import { loyaltyCardFixture } from './loyaltyFixtures.js';
import { ownerSlotFixture, pinStoryClock } from './ownerFixtures.js';
import { bootstrapFixture, surveyFixture } from './storyFixtures.js';
import { withRapport } from './withRapport.js';

// The widgets' former class block and token names (see the package's CHANGELOG) keep working: a page's
// stylesheet written for them restyles the widgets as before, and the new names win where both are set.

const SURFACE = '#f7f3ea';
const NEW_SURFACE = '#e8f0ec';
const rgb = { [SURFACE]: 'rgb(247, 243, 234)', [NEW_SURFACE]: 'rgb(232, 240, 236)' };

const meta = {
  title: 'Theme/Former names',
  decorators: [withRapport],
  parameters: {
    rapport: {
      bootstrap: bootstrapFixture({
        surveys: [surveyFixture('thumbs')],
        loyalty: { enabled: true, card: loyaltyCardFixture() },
        owner: ownerSlotFixture(),
      }),
    },
  },
  beforeEach: () => pinStoryClock(),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** `css` on a wrapper of its own, around `children`. */
const Page = ({ css, children }: { css: string; children: ReactNode }) => (
  <div className="former-names">
    <style>{css}</style>
    {children}
  </div>
);

const rootOf = (canvasElement: HTMLElement, block: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-slot="${block}-root"]`)!;

export const ContactOwnerBadgeFormerNames: Story = {
  name: 'Contact-owner badge: rapport-owner-badge and --rapport-owner-badge-*',
  render: () => (
    <Page
      css={`.former-names {
  --rapport-owner-badge-surface: ${SURFACE};
  --rapport-owner-badge-avatar-size: 4rem;
}
.former-names .rapport-owner-badge { border-style: dashed; }
.former-names .rapport-owner-badge__name { font-style: italic; }`}
    >
      <ContactOwnerBadge />
    </Page>
  ),
  play: async ({ canvas, canvasElement }) => {
    const name = await canvas.findByText('Maya P.');
    const root = rootOf(canvasElement, 'owner-badge');
    await expect(root).toHaveClass('rapport-contact-owner-badge', 'rapport-owner-badge');
    await expect(getComputedStyle(root).backgroundColor).toBe(rgb[SURFACE]);
    await expect(getComputedStyle(root).borderTopStyle).toBe('dashed');
    await expect(getComputedStyle(name).fontStyle).toBe('italic');
    const avatar = canvasElement.querySelector<HTMLElement>('.rapport-owner-badge__avatar')!;
    await expect(getComputedStyle(avatar).inlineSize).toBe('64px');
  },
};

export const PreferenceCenterFormerNames: Story = {
  name: 'Preferences center: --rapport-preferences-*, and the new name wins where both are set',
  render: () => (
    <Page
      css={`.former-names {
  --rapport-preferences-surface: ${SURFACE};
  --rapport-preferences-radius: 3px;
  --rapport-preference-center-surface: ${NEW_SURFACE};
}`}
    >
      <PreferenceCenter />
    </Page>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('group', { name: 'Offers' });
    const root = rootOf(canvasElement, 'preference-center');
    await expect(getComputedStyle(root).borderTopLeftRadius).toBe('3px');
    await expect(getComputedStyle(root).backgroundColor).toBe(rgb[NEW_SURFACE]);
  },
};

export const FeedbackPromptFormerNames: Story = {
  name: 'Feedback prompt: --rapport-feedback-*',
  render: () => (
    <Page css={`.former-names { --rapport-feedback-surface: ${SURFACE}; }`}>
      <FeedbackPrompt placement="inline" defaultOpen />
    </Page>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('radio', { name: 'Yes' });
    await expect(getComputedStyle(rootOf(canvasElement, 'feedback-prompt')).backgroundColor).toBe(rgb[SURFACE]);
  },
};

export const LoyaltyCardFormerNames: Story = {
  name: 'Loyalty card: --rapport-loyalty-*',
  render: () => (
    <Page css={`.former-names { --rapport-loyalty-surface: ${SURFACE}; }`}>
      <LoyaltyCard />
    </Page>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('progressbar');
    await expect(getComputedStyle(rootOf(canvasElement, 'loyalty-card')).backgroundColor).toBe(rgb[SURFACE]);
  },
};
