import { useLoyalty } from '@rapport/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { expect } from 'storybook/test';
import { loyaltyCardFixture } from '../stories/loyaltyFixtures.js';
import { bootstrapFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { LoyaltyCard } from './LoyaltyCard.js';
import { LoyaltyCardView as View } from './LoyaltyCardView.js';

// Examples for the docs page (LoyaltyCard.mdx): restyling and a layout of your own from the parts.

/** Tokens set on a wrapper restyle the widgets inside it; the per-widget ones only this widget. */
export const tokensCss = `.member-page {
  --rapport-loyalty-surface: #f7f3ea;
  --rapport-loyalty-text: #2b211a;
  --rapport-loyalty-muted: #5c4a3a;
  --rapport-loyalty-border: #d9c7ad;
  --rapport-loyalty-accent: #1f4d3a;
  --rapport-loyalty-radius: 1.25rem;
  --rapport-loyalty-width: 24rem;
}`;

/** Classes and `data-state` attributes are public API; unlayered rules win over `@layer rapport`. */
export const classesCss = `.rewards-page .rapport-loyalty-card__balance-value {
  font-size: 3.5rem;
}
.rewards-page .rapport-loyalty-card__stamp {
  border-radius: var(--rapport-radius-sm);
}
.rewards-page .rapport-loyalty-card__reward[data-state='locked'] {
  border-style: dashed;
}`;

const memberCard = loyaltyCardFixture();

const meta = {
  title: 'Loyalty/LoyaltyCard/Examples',
  component: LoyaltyCard,
  decorators: [withRapport],
  parameters: { rapport: { bootstrap: bootstrapFixture({ loyalty: { enabled: true, card: memberCard } }) } },
  excludeStories: /Css$/,
} satisfies Meta<typeof LoyaltyCard>;

export default meta;
type Story = StoryObj<typeof meta>;

const part = (canvasElement: HTMLElement, slot: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-slot="loyalty-card-${slot}"]`)!;

export const RestyledWithTokens: Story = {
  name: 'Restyled with tokens',
  render: (args) => (
    <div className="member-page">
      <style>{tokensCss}</style>
      <LoyaltyCard {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('progressbar');
    await expect(getComputedStyle(part(canvasElement, 'root')).backgroundColor).toBe('rgb(247, 243, 234)');
    const filled = canvasElement.querySelector('[data-slot="loyalty-card-stamp"][data-state="filled"]')!;
    await expect(getComputedStyle(filled).backgroundColor).toBe('rgb(31, 77, 58)');
  },
};

export const RestyledWithClasses: Story = {
  name: 'Restyled with classes and data-state',
  render: (args) => (
    <div className="rewards-page">
      <style>{classesCss}</style>
      <LoyaltyCard {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('progressbar');
    await expect(getComputedStyle(part(canvasElement, 'balance-value')).fontSize).toBe('56px');
    const locked = canvasElement.querySelector('[data-slot="loyalty-card-reward"][data-state="locked"]')!;
    await expect(getComputedStyle(locked).borderTopStyle).toBe('dashed');
  },
};

const points = new Intl.NumberFormat('en-GB');

/**
 * A compact points summary for a site header, from the parts around `useLoyalty()`: the balance, and the
 * native progress bar to the next tier with its name and spoken value.
 */
function PointsSummary(): ReactNode {
  const { card } = useLoyalty();
  if (!card) return null;
  const { pointsName: name, tier } = card;
  return (
    <View.Root state="ready" aria-label={`Your ${name}`} style={{ inlineSize: '18rem', gap: '0.5rem' }}>
      <View.Balance>
        <View.BalanceValue style={{ display: 'inline', fontSize: '1.5rem' }}>{points.format(card.balance)}</View.BalanceValue>{' '}
        {name} · {tier.name}
      </View.Balance>
      {tier.next && (
        <View.Progress state="climbing">
          <View.Meter
            value={tier.progress}
            max={1}
            aria-label={`Progress to ${tier.next.name}`}
            aria-valuetext={`${points.format(tier.next.pointsNeeded)} more ${name} to ${tier.next.name}`}
          />
        </View.Progress>
      )}
    </View.Root>
  );
}

export const CustomLayout: Story = {
  name: 'Custom layout from the parts',
  render: () => <PointsSummary />,
  play: async ({ canvas }) => {
    const progress = await canvas.findByRole('progressbar', { name: 'Progress to Roaster’s Circle' });
    await expect(progress).toHaveAttribute('aria-valuetext', '680 more Beans to Roaster’s Circle');
    await expect(canvas.getByRole('region', { name: 'Your Beans' })).toHaveAttribute('data-state', 'ready');
  },
};
