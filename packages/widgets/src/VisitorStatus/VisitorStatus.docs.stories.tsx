import { useVisitor } from '@rapport/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { expect } from 'storybook/test';
import { bootstrapFixture } from '../stories/storyFixtures.js';
import { withRapport } from '../stories/withRapport.js';
import { VisitorStatus } from './VisitorStatus.js';
import { VisitorStatusView } from './VisitorStatusView.js';

// Examples for the docs page (VisitorStatus.mdx): restyling and a layout of your own from the parts.

/** Tokens set on a wrapper restyle the widgets inside it; the per-widget ones only this widget. */
export const tokensCss = `.shop-header {
  --rapport-visitor-status-surface: #3b2a1e;
  --rapport-visitor-status-text: #f6efe3;
  --rapport-visitor-status-muted: #d9c7ad;
  --rapport-visitor-status-border: transparent;
  --rapport-visitor-status-radius: 999px;
}`;

/** Classes and `data-state` attributes are public API; unlayered rules win over `@layer rapport`. */
export const classesCss = `.account-menu .rapport-visitor-status {
  flex-direction: row;
  align-items: baseline;
  gap: 0.5rem;
  box-shadow: none;
}
.account-menu .rapport-visitor-status__name[data-state='anonymous'] {
  font-style: italic;
}`;

const meta = {
  title: 'Visitor/VisitorStatus/Examples',
  component: VisitorStatus,
  decorators: [withRapport],
  parameters: { rapport: { mode: 'ready', bootstrap: bootstrapFixture() } },
  excludeStories: /Css$/,
} satisfies Meta<typeof VisitorStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('.rapport-visitor-status')!;

export const RestyledWithTokens: Story = {
  name: 'Restyled with tokens',
  render: (args) => (
    <div className="shop-header">
      <style>{tokensCss}</style>
      <VisitorStatus {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByText('Signed in as Ada Lovelace');
    await expect(getComputedStyle(root(canvasElement)).backgroundColor).toBe('rgb(59, 42, 30)');
    await expect(getComputedStyle(root(canvasElement)).borderTopLeftRadius).toBe('999px');
  },
};

export const RestyledWithClasses: Story = {
  name: 'Restyled with classes and data-state',
  parameters: { rapport: { mode: 'ready', bootstrap: bootstrapFixture({ kind: 'anonymous' }) } },
  render: (args) => (
    <div className="account-menu">
      <style>{classesCss}</style>
      <VisitorStatus {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement }) => {
    const name = await canvas.findByText('Browsing as a guest');
    await expect(getComputedStyle(name).fontStyle).toBe('italic');
    await expect(getComputedStyle(root(canvasElement)).flexDirection).toBe('row');
  },
};

/** A greeting of your own: the same parts (classes, data-slot, data-state) around `useVisitor()`'s data. */
function Greeting(): ReactNode {
  const { data, site } = useVisitor();
  if (!data || !site) return null;
  return (
    <VisitorStatusView.Root state="ready" style={{ flexDirection: 'row', alignItems: 'baseline', gap: '0.5rem' }}>
      <VisitorStatusView.Name state={data.kind}>
        {data.kind === 'known' && data.displayName ? `Welcome back, ${data.displayName}` : 'Welcome'}
      </VisitorStatusView.Name>
      <VisitorStatusView.Detail>to {site.name}</VisitorStatusView.Detail>
    </VisitorStatusView.Root>
  );
}

export const CustomLayout: Story = {
  name: 'Custom layout from the parts',
  render: () => <Greeting />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Welcome back, Ada Lovelace')).toBeVisible();
    await expect(canvas.getByRole('status')).toHaveAttribute('data-state', 'ready');
  },
};
