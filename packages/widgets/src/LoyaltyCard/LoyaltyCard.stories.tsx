import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { StoryClientOptions } from '../stories/createStoryClient.js';
import { loyaltyCardFixture, type LoyaltyCardFixtureOptions } from '../stories/loyaltyFixtures.js';
import { bootstrapFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { LoyaltyCard } from './LoyaltyCard.js';

type Play = Pick<StoryContext, 'canvas' | 'userEvent'>;
const rapport = (options: StoryClientOptions) => ({ rapport: options });
/** The story server with the visitor's card built from `card` (see `loyaltyCardFixture`). */
const withCard = (card: LoyaltyCardFixtureOptions = {}) =>
  rapport({ bootstrap: bootstrapFixture({ loyalty: { enabled: true, card: loyaltyCardFixture(card) } }) });

const balanceOf = ({ canvas }: Play) =>
  canvas.getByText((_, node) => node?.getAttribute('data-slot') === 'loyalty-card-balance-value');

/** Tabs from the page to `target`, keyboard only (at most 40 stops). */
async function tabTo({ userEvent }: Play, target: HTMLElement) {
  for (let i = 0; i < 40 && document.activeElement !== target; i++) await userEvent.tab();
  await expect(target).toHaveFocus();
}

/** Opens the dialog of `button` with Enter, confirms with Enter, and waits for the code. */
async function redeemWithKeyboard(context: Play, button: HTMLElement, title: string, done: string) {
  const { canvas, userEvent } = context;
  await tabTo(context, button);
  await userEvent.keyboard('{Enter}');
  const dialog = await canvas.findByRole('dialog', { name: title });
  await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Confirm' })).toHaveFocus());
  await userEvent.keyboard('{Enter}');
  await expect(await within(dialog).findByRole('heading', { name: done })).toBeVisible();
  return dialog;
}

const meta = {
  title: 'Loyalty/LoyaltyCard',
  component: LoyaltyCard,
  decorators: [withRapport],
  parameters: withCard(),
} satisfies Meta<typeof LoyaltyCard>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NewMember: Story = {
  name: 'New member (welcome celebration)',
  parameters: withCard({
    balance: 50,
    lifetimePoints: 50,
    tier: {
      name: 'Green',
      perks: 'Free refills on filter coffee.',
      next: { name: 'Gold', threshold: 500, pointsNeeded: 450 },
      progress: 0.1,
      pointsToKeep: 0,
      keepBy: null,
    },
    stamps: { size: 9, collected: 0, ready: 0, reward: 'Your 10th coffee is on us' },
    history: [{ id: 'led_story_1', type: 'earn', points: 50, reason: 'Welcome to Beans', at: '2026-05-01T09:00:00.000Z', pending: false }],
    celebration: { kind: 'welcome', points: 50, at: '2026-05-01T09:00:00.000Z' },
  }),
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByText('Welcome! 50 Beans to start you off')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Dismiss' }));
    await expect(canvas.queryByText('Welcome! 50 Beans to start you off')).toBeNull();
  },
};

export const MidTier: Story = {
  name: 'Mid tier',
  play: async (context) => {
    const { canvas } = context;
    const progress = await canvas.findByRole('progressbar', { name: 'Progress to Roaster’s Circle' });
    await expect(progress).toHaveAttribute('aria-valuetext', '680 more Beans to Roaster’s Circle');
    await expect(balanceOf(context)).toHaveTextContent('380');
    await expect(canvas.getByText('Gold member')).toBeVisible();
  },
};

export const TopTier: Story = {
  name: 'Top tier (to keep it)',
  parameters: withCard({
    balance: 1240,
    lifetimePoints: 2610,
    tier: {
      name: 'Roaster’s Circle',
      perks: 'First pick of micro-lots.',
      next: null,
      progress: 1,
      pointsToKeep: 300,
      keepBy: '2027-03-03T12:00:00.000Z',
    },
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('You’re at our top tier, Roaster’s Circle.')).toBeVisible();
    await expect(canvas.getByText('Earn 300 more Beans by 3 March 2027 to keep Roaster’s Circle')).toBeVisible();
    await expect(canvas.queryByRole('progressbar')).toBeNull();
  },
};

export const StampsNearlyFull: Story = {
  name: 'Stamps nearly full',
  parameters: withCard({ stamps: { size: 9, collected: 8, ready: 0, reward: 'Your 10th coffee is on us' } }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('8 of 9 stamps')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Claim' })).toBeNull();
  },
};

export const StampCardReady: Story = {
  name: 'Stamp card ready to claim',
  parameters: withCard({ stamps: { size: 9, collected: 0, ready: 1, reward: 'Your 10th coffee is on us' } }),
  play: async (context) => {
    const claim = await context.canvas.findByRole('button', { name: 'Claim' });
    await expect(claim).toHaveAccessibleDescription('Your 10th coffee is on us');
    const dialog = await redeemWithKeyboard(
      context,
      claim,
      'Claim “Your 10th coffee is on us” now?',
      'Redeemed: Your 10th coffee is on us',
    );
    await expect(within(dialog).getByText('STAM-4821')).toBeVisible();
  },
};

export const RewardRedeemed: Story = {
  name: 'Reward redeemed (code in the dialog)',
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Redeem Free espresso' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Confirm' }));
    const dialog = canvas.getByRole('dialog');
    await expect(await within(dialog).findByText('ESPR-4821')).toBeVisible();
    await expect(within(dialog).getByText('Show this code at the till.')).toBeVisible();
  },
};

export const KeyboardRedemption: Story = {
  name: 'Redemption, keyboard only',
  play: async (context) => {
    const { canvas, userEvent } = context;
    const redeem = await canvas.findByRole('button', { name: 'Redeem Free espresso' });
    const dialog = await redeemWithKeyboard(context, redeem, 'Spend 100 Beans on Free espresso?', 'Redeemed: Free espresso');
    await expect(within(dialog).getByText('ESPR-4821')).toBeVisible();
    await waitFor(() => expect(balanceOf(context)).toHaveTextContent('280'));
    // The page behind the modal dialog is inert: Tab stays in the dialog.
    await tabTo(context, within(dialog).getByRole('button', { name: 'Done' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    await expect(canvas.getByRole('button', { name: 'Redeem Free espresso' })).toHaveFocus();
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Redeemed: Free espresso'));

    // A real modal (showModal): the browser makes the page inert and closes it on Escape (a synthetic Escape
    // from a play function is not trusted, so Cancel stands in for it here).
    await userEvent.keyboard('{Enter}');
    const again = await canvas.findByRole('dialog', { name: 'Spend 100 Beans on Free espresso?' });
    await expect(again.matches(':modal')).toBe(true);
    await tabTo(context, within(again).getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
    await expect(canvas.getByRole('button', { name: 'Redeem Free espresso' })).toHaveFocus();
  },
};

export const PendingAndExpiring: Story = {
  name: 'Pending and expiring points',
  parameters: withCard({
    pending: 40,
    nextExpiry: { points: 120, at: '2027-03-03T12:00:00.000Z' },
    history: [
      { id: 'led_story_4', type: 'earn', points: 40, reason: 'Order #1051', at: '2026-05-10T09:30:00.000Z', pending: true },
      { id: 'led_story_3', type: 'expire', points: -30, reason: 'Points from March 2025', at: '2026-05-01T00:00:00.000Z', pending: false },
      { id: 'led_story_2', type: 'reverse', points: -60, reason: 'Order #1033 refunded', at: '2026-04-20T10:00:00.000Z', pending: false },
      { id: 'led_story_1', type: 'adjust', points: 25, reason: 'Sorry about the wait', at: '2026-04-02T10:00:00.000Z', pending: false },
    ],
  }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('40 Beans pending')).toBeVisible();
    await expect(canvas.getByText('120 Beans expire on 3 March 2027')).toBeVisible();
    await expect(canvas.getByText('pending')).toBeVisible();
    await expect(canvas.getByText('Reversed · Order #1033 refunded')).toBeVisible();
  },
};

export const InsufficientPoints: Story = {
  name: 'Insufficient points (gaps)',
  parameters: withCard({ balance: 30 }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('70 more Beans')).toBeVisible();
    await expect(canvas.getByText('420 more Beans')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: /^Redeem/ })).toBeNull();
  },
};

export const LoadError: Story = {
  name: 'Error (Retry)',
  parameters: { rapport: { ...withCard().rapport, mode: 'error-once' } },
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByText('We couldn’t load your card.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await expect(await canvas.findByRole('heading', { name: 'Your Beans' })).toBeVisible();
  },
};

export const Loading: Story = { parameters: rapport({ mode: 'loading' }) };

export const Anonymous: Story = {
  name: 'Anonymous (sign in)',
  parameters: rapport({ bootstrap: bootstrapFixture({ kind: 'anonymous' }) }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Sign in to collect points and spend them on rewards.')).toBeVisible();
  },
};

export const Dark: Story = {
  name: 'Dark theme (member code shown)',
  globals: { theme: 'dark' },
  parameters: withCard({ celebration: { kind: 'birthday', points: 100, at: '2026-05-01T09:00:00.000Z' } }),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Show my member code' }));
    const qr = await canvas.findByRole('img', { name: 'Member QR code: show it at the till' });
    await expect(qr.closest('[data-rapport-theme]')).toHaveAttribute('data-rapport-theme', 'dark');
    await expect(qr.querySelector('rect')).toHaveAttribute('fill', '#fff');
    await expect(canvas.getByText(/^Valid until .+, renewed automatically$/)).toBeVisible();
  },
};
