import { useLoyalty } from '@rapport/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { loyaltyCardFixture } from '../stories/loyaltyFixtures.js';
import { bootstrapFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { LoyaltyCard } from './LoyaltyCard.js';
import { LoyaltyCardView as View } from './LoyaltyCardView.js';
import { useRedemptionFlow } from './useRedemptionFlow.js';

// Examples for the docs page (LoyaltyCard.mdx): restyling and a layout of your own from the parts and hooks.

/** Tokens set on a wrapper restyle the widgets inside it; the per-widget ones only this widget. */
export const tokensCss = `.member-page {
  --rapport-loyalty-card-surface: #f7f3ea;
  --rapport-loyalty-card-text: #2b211a;
  --rapport-loyalty-card-muted: #5c4a3a;
  --rapport-loyalty-card-border: #d9c7ad;
  --rapport-loyalty-card-accent: #1f4d3a;
  --rapport-loyalty-card-radius: 1.25rem;
  --rapport-loyalty-card-width: 24rem;
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
 * native progress bar to the next tier with its name and spoken value. Its Redeem button runs
 * `useRedemptionFlow()`, so it behaves as the card's own: a native modal dialog with focus inside, Escape closing
 * it except while the redemption is in flight, the code taking focus, and focus back on Redeem afterwards.
 */
function PointsSummary(): ReactNode {
  const loyalty = useLoyalty();
  const flow = useRedemptionFlow({ redeem: loyalty.redeem });
  const { card } = loyalty;
  if (!card) return null;
  const { pointsName: name, tier } = card;
  const reward = card.rewards.find((r) => r.gap === 0);
  const { target, result, step } = flow;
  return (
    <View.Root state="ready" aria-label={`Your ${name}`} tabIndex={-1} style={{ inlineSize: '18rem', gap: '0.5rem' }}>
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
      {reward && <View.Redeem {...flow.triggerProps(reward)}>Redeem {reward.name}</View.Redeem>}
      {target && (
        <View.Dialog {...flow.dialogProps}>
          <View.DialogTitle {...flow.titleProps}>
            {result ? `Your code for ${result.rewardName}` : `Spend ${points.format(target.cost)} ${name} on ${target.name}?`}
          </View.DialogTitle>
          {result && (
            <View.Result {...flow.resultProps}>
              <View.Code state="redemption">{result.code}</View.Code>
            </View.Result>
          )}
          {step === 'failed' && <View.Error role="alert">That didn’t work. Please try again.</View.Error>}
          <View.Actions>
            {!result && <View.Confirm {...flow.confirmProps}>{step === 'pending' ? 'Redeeming…' : 'Confirm'}</View.Confirm>}
            <View.Close {...flow.closeProps}>{result ? 'Done' : 'Cancel'}</View.Close>
          </View.Actions>
        </View.Dialog>
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

export const CustomLayoutRedeem: Story = {
  name: 'Custom layout: redeeming with useRedemptionFlow',
  render: () => <PointsSummary />,
  play: async ({ canvas, userEvent }) => {
    const redeem = await canvas.findByRole('button', { name: /^Redeem / });
    // A real modal: focus moves in. (A synthetic Escape is not trusted, so Cancel stands in for it.) Closing
    // gives focus back to Redeem.
    redeem.focus();
    await userEvent.keyboard('{Enter}');
    const asked = await canvas.findByRole('dialog', { name: /^Spend / });
    await expect(asked.matches(':modal')).toBe(true);
    await waitFor(() => expect(within(asked).getByRole('button', { name: 'Confirm' })).toHaveFocus());
    await userEvent.click(within(asked).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    await expect(redeem).toHaveFocus();
    // Confirmed: the code takes focus; Done gives focus back to Redeem, or to the summary once it is gone.
    await userEvent.keyboard('{Enter}');
    const dialog = await canvas.findByRole('dialog', { name: /^Spend / });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    const code = await within(dialog).findByText((_, node) => node?.getAttribute('data-slot') === 'loyalty-card-code');
    await waitFor(() => expect(code.parentElement).toHaveFocus());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    const back = canvas.queryByRole('button', { name: /^Redeem / }) ?? canvas.getByRole('region', { name: 'Your Beans' });
    await expect(back).toHaveFocus();
  },
};
