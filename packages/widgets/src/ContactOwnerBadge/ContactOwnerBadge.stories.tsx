import type { Decorator, Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { StoryClientOptions } from '../stories/createStoryClient.js';
import { ownerFixture, ownerSlotFixture, pinStoryClock, type OwnerSlotFixtureOptions } from '../stories/ownerFixtures.js';
import { bootstrapFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { ContactOwnerBadge } from './ContactOwnerBadge.js';

const rapport = (options: StoryClientOptions) => ({ rapport: options });
/** The story server with the owner slot built from `slot`, for a visitor in `timeZone` (London by default). */
const withOwner = (slot: OwnerSlotFixtureOptions = {}, timeZone?: string) =>
  rapport({ bootstrap: bootstrapFixture({ owner: ownerSlotFixture(slot), timeZone }) });
const narrow: Decorator = (Story) => (
  <div style={{ maxWidth: '16rem' }}>
    <Story />
  </div>
);

const meta = {
  title: 'Owner/ContactOwnerBadge',
  component: ContactOwnerBadge,
  decorators: [withRapport],
  // No owner slot here: Storybook deep-merges a story's parameters into these, so a story's `channels: {}` or
  // `photoUrl: undefined` would silently keep the defaults' values. Each story passes its whole slot.
  // Friday 27 November 2026, 16:00 in London: "Monday" and "tomorrow" read the same whenever the stories run.
  beforeEach: () => pinStoryClock(),
} satisfies Meta<typeof ContactOwnerBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const root = ({ canvas }: Pick<StoryContext, 'canvas'>) => canvas.getByRole('group', { name: 'Your contact' });

export const Available: Story = {
  name: 'Available (card)',
  parameters: withOwner(),
  play: async (context) => {
    const { canvas } = context;
    await expect(await canvas.findByText('Available now · until 17:30')).toBeVisible();
    await expect(canvas.getByText('Maya P.')).toBeVisible();
    await expect(canvas.getByText('Account manager')).toBeVisible();
    await expect(canvas.getByText('Usually replies within 2 hours')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Email Maya P.: maya.patel@northwind.example' })).toHaveAttribute('href', 'mailto:maya.patel@northwind.example');
    await expect(canvas.getByRole('link', { name: 'Call Maya P.: +44 20 7946 0018' })).toHaveAttribute('href', 'tel:+442079460018');
    await expect(canvas.getByRole('link', { name: 'Chat with Maya P.' })).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Book a meeting with Maya P.' })).toBeVisible();
    await expect(root(context)).toHaveAttribute('data-availability', 'available');
    // Decorative next to the name: the photo adds nothing to what a screen reader hears.
    await expect(root(context).querySelector('img')).toHaveAttribute('alt', '');
  },
};

export const AwayWithBackup: Story = {
  name: 'Away, backup covering',
  parameters: withOwner({ state: 'away', covering: true }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Away · back Monday at 09:00')).toBeVisible();
    await expect(canvas.getByText('Maya P. is away. Sam R. is covering.')).toBeVisible();
    await expect(canvas.getByText('Available now · until 22:00')).toBeVisible();
    await expect(canvas.getByText('Typically replies within 45 minutes')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Chat with Sam R.' })).toHaveAttribute('href', 'https://chat.northwind.example/sam');
    await expect(canvas.queryByText(/will get back to you/)).toBeNull();
  },
};

export const AwayNoBackup: Story = {
  name: 'Away, nobody covering (team)',
  parameters: withOwner({ state: 'away' }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Away · back Monday at 09:00')).toBeVisible();
    await expect(canvas.getByText('The Northwind team will get back to you.')).toBeVisible();
    await expect(canvas.queryByText(/Available now/)).toBeNull();
  },
};

export const VisitorInNewYork: Story = {
  name: 'Away, visitor in New York',
  parameters: withOwner({ state: 'away' }, 'America/New_York'),
  play: async ({ canvas }) => {
    // 09:00 in London is 04:00 in New York: the visitor reads their own clock.
    await expect(await canvas.findByText('Away · back Monday at 04:00')).toBeVisible();
  },
};

export const OutOfOffice: Story = {
  name: 'Out of office',
  parameters: withOwner({ state: 'out_of_office' }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Out of office until 3 December 2026')).toBeVisible();
    await expect(canvas.getByText('The Northwind team will get back to you.')).toBeVisible();
  },
};

export const OnHoliday: Story = {
  name: 'On holiday',
  parameters: withOwner({ state: 'holiday', covering: true }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('On holiday · back Monday at 09:00')).toBeVisible();
    await expect(canvas.getByText('Maya P. is away. Sam R. is covering.')).toBeVisible();
  },
};

export const NoOwner: Story = {
  name: 'No owner yet',
  parameters: withOwner({ owner: null }),
  play: async (context) => {
    await expect(await context.canvas.findByText('The Northwind team is here to help.')).toBeVisible();
    await expect(root(context)).toHaveAttribute('data-state', 'no-owner');
    await expect(context.canvas.queryByRole('link')).toBeNull();
  },
};

export const NoPhoto: Story = {
  name: 'No photo (initials)',
  parameters: withOwner({ owner: ownerFixture({ photoUrl: undefined }) }),
  play: async (context) => {
    await expect(await context.canvas.findByText('MP')).toBeVisible();
    await expect(root(context).querySelector('img')).toBeNull();
  },
};

export const BrokenPhoto: Story = {
  name: 'Broken photo (falls back to initials)',
  parameters: withOwner({ owner: ownerFixture({ photoUrl: 'data:image/png;base64,AAAA' }) }),
  play: async (context) => {
    await expect(await context.canvas.findByText('MP')).toBeVisible();
    await expect(root(context).querySelector('img')).toBeNull();
  },
};

const LONG = 'Maximiliana Alexandrina Featherstonehaugh-Cholmondeley-Wolfeschlegelsteinhausen';
export const LongNames: Story = {
  name: 'Long names (wrap in the card, cut in the badge)',
  parameters: withOwner({ owner: ownerFixture({ name: LONG, initials: 'MF', role: 'Senior enterprise relationship and renewals manager, EMEA' }) }),
  decorators: [narrow],
  render: (args) => (
    <>
      <ContactOwnerBadge {...args} />
      <ContactOwnerBadge {...args} variant="badge" aria-label="Your contact (compact)" />
    </>
  ),
  play: async ({ canvas }) => {
    const [card, badge] = await canvas.findAllByText(LONG);
    await expect(card!.scrollWidth).toBeLessThanOrEqual(card!.clientWidth);
    // Cut short on screen, whole for assistive technology and in the tooltip.
    await expect(badge).toHaveAttribute('title', LONG);
    await expect(badge!.scrollWidth).toBeGreaterThan(badge!.clientWidth);
    await expect(canvas.getByRole('link', { name: (name) => name.startsWith(`Email ${LONG}: `) })).toBeVisible();
  },
};

export const HiddenFields: Story = {
  name: 'Hidden fields (only name and role)',
  parameters: withOwner({ owner: ownerFixture({ photoUrl: undefined, channels: {}, responseTime: undefined }) }),
  play: async (context) => {
    const { canvas } = context;
    await expect(await canvas.findByText('Account manager')).toBeVisible();
    await expect(canvas.queryByRole('link')).toBeNull();
    await expect(canvas.queryByText(/replies within/)).toBeNull();
    await expect(root(context).querySelector('[data-slot="owner-badge-channels"]')).toBeNull();
  },
};

export const Badge: Story = {
  name: 'Badge (compact), backup covering',
  args: { variant: 'badge' },
  parameters: withOwner({ state: 'away', covering: true }),
  play: async (context) => {
    const { canvas } = context;
    // One line, announced: who covers now, rather than when the owner is back.
    const status = await canvas.findByRole('status');
    await expect(status).toHaveTextContent(/^Away · Sam R\. covers$/);
    await expect(status).toBeVisible();
    await expect(canvas.getByText('Maya P.')).toBeVisible();
    await expect(canvas.queryByRole('link')).toBeNull();
    await expect(canvas.queryByText(/Available now/)).toBeNull();
    await expect(root(context)).toHaveAttribute('data-variant', 'badge');
  },
};

export const BadgeTeamCovering: Story = {
  name: 'Badge (compact), team covering',
  args: { variant: 'badge' },
  parameters: withOwner({ state: 'out_of_office' }),
  decorators: [narrow],
  play: async (context) => {
    const status = await context.canvas.findByRole('status');
    await expect(status).toHaveTextContent(/^Out of office · The Northwind team covers$/);
    await expect(status).toBeVisible();
    // Wraps in a narrow header rather than being cut: the whole line stays readable.
    await expect(status.scrollWidth).toBeLessThanOrEqual(status.clientWidth);
    await expect(root(context)).toHaveAttribute('data-availability', 'out_of_office');
  },
};

export const BadgeAndCard: Story = {
  name: 'Badge and card side by side',
  parameters: withOwner(),
  render: (args) => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' }}>
      <ContactOwnerBadge {...args} variant="badge" aria-label="Your contact (compact)" />
      <ContactOwnerBadge {...args} variant="card" />
    </div>
  ),
  play: async ({ canvas }) => {
    const badge = await canvas.findByRole('group', { name: 'Your contact (compact)' });
    await expect(await within(badge).findByText('Available now · until 17:30')).toBeVisible();
    await expect(within(badge).queryByText('Account manager')).toBeNull();
    await expect(within(root({ canvas })).getByText('Account manager')).toBeVisible();
  },
};

export const DarkTheme: Story = {
  name: 'Dark theme',
  globals: { theme: 'dark' },
  parameters: withOwner({ state: 'away', covering: true }),
  play: async (context) => {
    await expect(await context.canvas.findByText('Maya P. is away. Sam R. is covering.')).toBeVisible();
    await expect(root(context).closest('[data-rapport-theme]')).toHaveAttribute('data-rapport-theme', 'dark');
  },
};

export const Loading: Story = {
  parameters: rapport({ mode: 'loading' }),
  play: async (context) => {
    await expect(root(context)).toHaveAttribute('aria-busy', 'true');
    await expect(root(context)).toHaveAttribute('data-state', 'loading');
  },
};

export const ErrorWithRetry: Story = {
  name: 'Error (Retry)',
  parameters: { rapport: { ...withOwner().rapport, mode: 'error-once' } },
  play: async ({ canvas, userEvent }) => {
    await expect(await canvas.findByText('We couldn’t load your contact.')).toBeVisible();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Retry' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('Available now · until 17:30')).toBeVisible();
    // The button is gone: focus rests on the badge, not the page.
    await waitFor(() => expect(root({ canvas })).toHaveFocus());
  },
};

export const KeyboardChannels: Story = {
  name: 'Channel links, keyboard only',
  parameters: withOwner({ state: 'away', covering: true }),
  play: async ({ canvas, userEvent }) => {
    await canvas.findByText('Maya P. is away. Sam R. is covering.');
    const names = [/^Email Maya P\.: /, /^Call Maya P\.: /, 'Chat with Maya P.', 'Book a meeting with Maya P.', /^Email Sam R\.: /, 'Chat with Sam R.'];
    for (const name of names) {
      await userEvent.tab();
      const link = canvas.getByRole('link', { name });
      await expect(link).toHaveFocus();
      const { width, height } = link.getBoundingClientRect();
      await expect(Math.min(width, height)).toBeGreaterThanOrEqual(24);
    }
  },
};

export const CustomMessages: Story = {
  name: 'Custom messages (German)',
  args: {
    locale: 'de-DE',
    lang: 'de',
    messages: {
      label: 'Ihr Kontakt',
      away: (back) => (back ? `Abwesend · zurück ${back}` : 'Abwesend'),
      at: (day, time) => `${day} um ${time}`,
      team: (team) => `${team ?? 'Unser Team'} meldet sich bei Ihnen.`,
      responseTime: (duration) => `Antwortet meist innerhalb von ${duration}`,
      channels: { email: 'E-Mail', phone: 'Anrufen', chat: 'Chat', meeting: 'Termin buchen' },
      channel: (kind, name, value) =>
        `${{ email: 'E-Mail an', phone: 'Anrufen bei', chat: 'Chat mit', meeting: 'Termin buchen mit' }[kind]} ${name}${value ? `: ${value}` : ''}`,
    },
  },
  parameters: withOwner({ state: 'away', team: 'Das Northwind-Team' }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Abwesend · zurück Montag um 09:00')).toBeVisible();
    await expect(canvas.getByRole('group', { name: 'Ihr Kontakt' })).toBeVisible();
    await expect(canvas.getByText('Antwortet meist innerhalb von 2 Stunden')).toBeVisible();
    await expect(canvas.getByRole('link', { name: 'Termin buchen mit Maya P.' })).toBeVisible();
  },
};
