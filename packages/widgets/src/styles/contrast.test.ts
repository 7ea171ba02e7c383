import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { themePalettes } from '../stories/parseTokens.js';

const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'tokens.css'), 'utf8');
const palettes = themePalettes(css);

/** WCAG 2.x relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = Number.parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, from 1 to 21. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

// [foreground, background, minimum]: 4.5 for text (WCAG 1.4.3 AA), 3 for focus rings (1.4.11).
const PAIRS: Array<[string, string, number]> = [
  ['text', 'surface', 4.5],
  ['muted', 'surface', 4.5],
  ['accent', 'surface', 4.5],
  ['danger', 'surface', 4.5],
  ['success', 'surface', 4.5],
  ['text', 'surface-muted', 4.5],
  ['muted', 'surface-muted', 4.5],
  ['accent-contrast', 'accent', 4.5],
  ['focus-ring', 'surface', 3],
];

describe('colour tokens', () => {
  it('sanity-checks the contrast formula', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const theme of ['light', 'dark'] as const) {
    describe(`${theme} theme`, () => {
      const palette = palettes[theme];
      it.each(PAIRS)('%s on %s reaches %s:1', (fg, bg, minimum) => {
        const foreground = palette[`--rapport-color-${fg}`];
        const background = palette[`--rapport-color-${bg}`];
        expect(foreground, `--rapport-color-${fg}`).toMatch(/^#/);
        expect(background, `--rapport-color-${bg}`).toMatch(/^#/);
        expect(contrast(foreground!, background!)).toBeGreaterThanOrEqual(minimum);
      });
    });
  }

  it('uses the same dark palette for data-rapport-theme="dark" and for "auto" in a dark system', () => {
    expect(Object.keys(palettes.dark).length).toBeGreaterThan(5);
    expect(palettes.autoDark).toEqual(palettes.dark);
  });

  it('gives the dark palette every colour the light one has', () => {
    const colours = (palette: Record<string, string>) =>
      Object.keys(palette).filter((name) => name.startsWith('--rapport-color-')).sort();
    expect(colours(palettes.dark)).toEqual(colours(palettes.light));
  });
});
