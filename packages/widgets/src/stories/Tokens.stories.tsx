/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect } from 'storybook/test';
import { RapportTheme, type RapportThemeName } from '../RapportTheme/RapportTheme.js';
import tokensCss from '../styles/tokens.css?raw';
import { themePalettes } from './parseTokens.js';

const palettes = themePalettes(tokensCss);

const panel: CSSProperties = {
  display: 'grid',
  gap: 'var(--rapport-space-3)',
  padding: 'var(--rapport-space-4)',
  borderRadius: 'var(--rapport-radius)',
  background: 'var(--rapport-color-surface)',
  color: 'var(--rapport-color-text)',
  fontFamily: 'var(--rapport-font-family)',
};
const row: CSSProperties = { display: 'flex', alignItems: 'center', gap: 'var(--rapport-space-3)', margin: 0 };
const swatch = (name: string): CSSProperties => ({
  inlineSize: '2.5rem',
  blockSize: '2.5rem',
  flex: 'none',
  borderRadius: 'var(--rapport-radius-sm)',
  border: '1px solid var(--rapport-color-border)',
  background: `var(${name})`,
});

/** Every token of the token file, with a live swatch for colours; the values shown are the theme's own. */
function TokenSheet({ theme }: { theme: Exclude<RapportThemeName, 'auto'> }) {
  const tokens = { ...palettes.light, ...(theme === 'dark' ? palettes.dark : {}) };
  const names = Object.keys(tokens);
  const colours = names.filter((name) => name.startsWith('--rapport-color-'));
  const others = names.filter((name) => !name.startsWith('--rapport-color-'));
  return (
    <RapportTheme theme={theme}>
      <section style={panel} aria-labelledby={`tokens-${theme}`}>
        <h2 id={`tokens-${theme}`} style={{ margin: 0, fontSize: '1.25rem' }}>
          {theme === 'dark' ? 'Dark' : 'Light'} theme tokens
        </h2>
        <ul style={{ display: 'grid', gap: 'var(--rapport-space-2)', padding: 0, margin: 0, listStyle: 'none' }}>
          {colours.map((name) => (
            <li key={name} style={row}>
              <span style={swatch(name)} aria-hidden="true" data-token={name} />
              <code>{name}</code>
              <span style={{ color: 'var(--rapport-color-muted)' }}>{tokens[name]}</span>
            </li>
          ))}
        </ul>
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 'var(--rapport-space-1) var(--rapport-space-3)', margin: 0 }}>
          {others.map((name) => (
            <div key={name} style={{ display: 'contents' }}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd style={{ margin: 0, color: 'var(--rapport-color-muted)', overflowWrap: 'anywhere' }}>{tokens[name]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </RapportTheme>
  );
}

const meta = {
  title: 'Theme/Tokens',
  component: TokenSheet,
  args: { theme: 'light' },
} satisfies Meta<typeof TokenSheet>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Light: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'Light theme tokens' })).toBeVisible();
    await expect(canvas.getByText('--rapport-color-accent')).toBeVisible();
  },
};

export const Dark: Story = {
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const surface = canvasElement.querySelector('[data-token="--rapport-color-surface"]');
    // The swatch paints the dark surface from the stylesheet, not a copied value.
    await expect(getComputedStyle(surface!).backgroundColor).toBe('rgb(22, 25, 29)');
  },
};
