import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContactOwnerBadgeView } from '../../ContactOwnerBadge/ContactOwnerBadgeView.js';
import { FeedbackPromptView } from '../../FeedbackPrompt/FeedbackPromptView.js';
import { LoyaltyCardView } from '../../LoyaltyCard/LoyaltyCardView.js';
import { PreferenceCenterView } from '../../PreferenceCenter/PreferenceCenterView.js';
import { VisitorStatusView } from '../../VisitorStatus/VisitorStatusView.js';
import { themePalettes } from '../parseTokens.js';
import { partDocs } from './DocsTables.js';
import { widgetTokens } from './widgetTokens.js';

// The docs pages build their token and parts tables from the stylesheets and the Views' sources: these tests
// keep those tables complete and the stylesheets' header comments truthful.

const src = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(src, path), 'utf8');
const globals = themePalettes(read('styles/tokens.css')).light;

const WIDGETS = [
  { file: 'visitor-status', prefix: '--rapport-visitor-status-', block: 'visitor-status', view: 'VisitorStatus/VisitorStatusView.tsx', parts: VisitorStatusView },
  { file: 'feedback-prompt', prefix: '--rapport-feedback-prompt-', block: 'feedback-prompt', view: 'FeedbackPrompt/FeedbackPromptView.tsx', parts: FeedbackPromptView },
  { file: 'preference-center', prefix: '--rapport-preference-center-', block: 'preference-center', view: 'PreferenceCenter/PreferenceCenterView.tsx', parts: PreferenceCenterView },
  { file: 'loyalty-card', prefix: '--rapport-loyalty-card-', block: 'loyalty-card', view: 'LoyaltyCard/LoyaltyCardView.tsx', parts: LoyaltyCardView },
  { file: 'contact-owner-badge', prefix: '--rapport-contact-owner-badge-', block: 'contact-owner-badge', view: 'ContactOwnerBadge/ContactOwnerBadgeView.tsx', parts: ContactOwnerBadgeView },
];

describe.each(WIDGETS)('$file', ({ file, prefix, block, view, parts }) => {
  const css = read(`styles/${file}.css`);
  const { own, global } = widgetTokens(css, prefix, block);

  it('lists the same own tokens as the stylesheet header', () => {
    const header = /\/\*([\s\S]*?)\*\//.exec(css)![1]!;
    const listed = [...header.matchAll(/(?:^|[\s,:])(--?[a-z][\w-]*)/g)].map(([, suffix]) =>
      suffix!.startsWith('--') ? suffix! : `${prefix}${suffix!.slice(1)}`,
    );
    expect(own.map((token) => token.name).sort()).toEqual([...new Set(listed)].sort());
  });

  it('gives every own token a fallback, and every global token a default', () => {
    for (const token of own) {
      expect(token.fallbacks.length, token.name).toBeGreaterThan(0);
      for (const { value } of token.fallbacks) {
        const name = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
        if (name) expect(globals[name], `${token.name} → ${name}`).toBeDefined();
      }
    }
    for (const token of global) expect(globals[token.name], token.name).toBeDefined();
  });

  it('documents every part of the View', () => {
    const docs = partDocs(read(view));
    for (const name of Object.keys(parts)) expect(docs[name], name).toMatch(/\w/);
  });
});

it('attributes a token read through an internal property, with each fallback', () => {
  const { own } = widgetTokens(read('styles/contact-owner-badge.css'), '--rapport-contact-owner-badge-', 'contact-owner-badge');
  const size = own.find((token) => token.name === '--rapport-contact-owner-badge-avatar-size')!;
  expect(size.fallbacks).toEqual([
    { value: '3rem', parts: ['root'] },
    { value: '2.25rem', parts: ["root[data-variant='badge']"] },
  ]);
  expect(size.uses).toContainEqual({ property: 'inline-size', part: 'avatar' });
  expect(own.map((token) => token.name)).not.toContain('--rapport-contact-owner-badge-size');
});

it('reads a renamed token’s former name as an alias, with the fallbacks after it', () => {
  const css = `@layer rapport {
  .rapport-demo-card { color: var(--rapport-demo-card-text, var(--rapport-demo-text, var(--rapport-color-text))); }
  .rapport-demo-card__note { margin: var(--rapport-demo-card-gap, 1rem); }
}`;
  const { own, global } = widgetTokens(css, '--rapport-demo-card-', 'demo-card');
  expect(own).toEqual([
    { name: '--rapport-demo-card-gap', fallbacks: [{ value: '1rem', parts: ['note'] }], uses: [{ property: 'margin', part: 'note' }] },
    {
      name: '--rapport-demo-card-text',
      formerly: '--rapport-demo-text',
      fallbacks: [{ value: 'var(--rapport-color-text)', parts: ['root'] }],
      uses: [{ property: 'color', part: 'root' }],
    },
  ]);
  expect(global).toEqual([]);
});
