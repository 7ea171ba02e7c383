import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A path, not a URL: jsdom's URL class is not the one node:fs accepts.
const dir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.css'));
const read = (name: string) => readFileSync(join(dir, name), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const sheets = files.filter((name) => name !== 'index.css');
const all = sheets.map(read).join('\n');

/** Index of the `}` closing the `{` at `open`. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

describe('styles', () => {
  it('imports every stylesheet from index.css, and nothing else', () => {
    const imports = [...read('index.css').matchAll(/@import '\.\/([\w-]+\.css)';/g)].map((m) => m[1]);
    expect(read('index.css').replace(/@import '[^']+';/g, '').trim()).toBe('');
    expect([...imports].sort()).toEqual([...sheets].sort());
  });

  it.each(sheets)('%s puts every rule inside @layer rapport', (name) => {
    const text = read(name).trim();
    expect(text.startsWith('@layer rapport {')).toBe(true);
    expect(closingBrace(text, text.indexOf('{'))).toBe(text.length - 1);
  });

  it('declares custom properties only in the --rapport- namespace', () => {
    const declared = [...all.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((name) => !name?.startsWith('--rapport-'))).toEqual([]);
  });

  it('uses only rapport- classes and keyframes', () => {
    const classes = [...all.matchAll(/\.([a-zA-Z][\w-]*)/g)].map((m) => m[1]).filter((c) => !/^\d/.test(c ?? ''));
    expect(classes.filter((name) => !name?.startsWith('rapport-'))).toEqual([]);
    const keyframes = [...all.matchAll(/@keyframes\s+([\w-]+)/g)].map((m) => m[1]);
    expect(keyframes.every((name) => name?.startsWith('rapport-'))).toBe(true);
  });

  it('covers themes, reduced motion, focus and target size', () => {
    expect(all).toContain("[data-rapport-theme='dark']");
    expect(all).toContain('@media (prefers-color-scheme: dark)');
    expect(all).toContain('@media (prefers-reduced-motion: reduce)');
    expect(all).toMatch(/:focus-visible\s*\{[^}]*outline:[^}]*--rapport-color-focus-ring/);
    expect(all).toContain('--rapport-target-size: 24px;');
    expect(all).toMatch(/\.rapport-button \{[^}]*min-inline-size: var\(--rapport-target-size\)/);
    expect(all).toMatch(/\.rapport-input \{[^}]*min-block-size: var\(--rapport-target-size\)/);
  });
});
