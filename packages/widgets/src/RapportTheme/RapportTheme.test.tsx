import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RapportTheme, type RapportThemeName } from './RapportTheme.js';

describe('<RapportTheme>', () => {
  it('defaults to auto', () => {
    render(<RapportTheme data-testid="theme">x</RapportTheme>);
    expect(screen.getByTestId('theme')).toHaveAttribute('data-rapport-theme', 'auto');
    expect(screen.getByTestId('theme')).toHaveClass('rapport-theme');
  });

  it('sets the chosen theme and keeps the caller’s props', () => {
    render(
      <RapportTheme theme="dark" data-testid="theme" className="host" id="widgets">
        x
      </RapportTheme>,
    );
    const theme = screen.getByTestId('theme');
    expect(theme).toHaveAttribute('data-rapport-theme', 'dark');
    expect(theme.className).toBe('rapport-theme host');
    expect(theme.id).toBe('widgets');
  });

  it('warns in development about an unknown theme', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    render(<RapportTheme theme={'sepia' as RapportThemeName}>x</RapportTheme>);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('<RapportTheme theme="sepia"> is not a theme'));
    warn.mockRestore();
  });
});
