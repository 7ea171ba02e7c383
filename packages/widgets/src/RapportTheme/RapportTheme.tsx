import type { ComponentPropsWithRef, ReactNode } from 'react';
import { classNames } from '../internal/classNames.js';
import { devWarning } from '../internal/devWarning.js';

/** Colour themes of the widgets. */
export type RapportThemeName = 'light' | 'dark' | 'auto';

const THEMES: readonly string[] = ['light', 'dark', 'auto'];

/** Props of {@link RapportTheme}: a `div`'s props plus the theme. */
export interface RapportThemeProps extends ComponentPropsWithRef<'div'> {
  /**
   * `light` or `dark` forces that theme for the widgets inside; `auto` follows the visitor's system
   * setting (`prefers-color-scheme`). Default: `'auto'`.
   */
  theme?: RapportThemeName;
}

/**
 * Wraps widgets in a theme (`data-rapport-theme`). Optional: widgets without one follow the system setting,
 * or the `data-rapport-theme` attribute of any ancestor (e.g. `<html data-rapport-theme="dark">`).
 */
export function RapportTheme({ theme = 'auto', className, ...rest }: RapportThemeProps): ReactNode {
  if (process.env.NODE_ENV !== 'production' && !THEMES.includes(theme)) {
    devWarning(`<RapportTheme theme="${String(theme)}"> is not a theme; use "light", "dark" or "auto".`);
  }
  return <div {...rest} className={classNames('rapport-theme', className)} data-rapport-theme={theme} />;
}
