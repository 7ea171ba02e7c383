import { render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { createPart } from './createPart.js';

const Root = createPart<'div', 'open' | 'closed'>({ block: 'demo', slot: 'root', element: 'div' });
const Action = createPart<'button'>({
  block: 'demo',
  slot: 'action',
  element: 'button',
  extraClassName: 'rapport-button',
  defaults: { type: 'button' },
});

describe('createPart', () => {
  it('forwards the ref to the element', () => {
    const ref = createRef<HTMLDivElement>();
    render(<Root ref={ref} state="open" />);
    expect(ref.current).toBeInstanceOf(HTMLDivElement);
  });

  it('merges className after its own public class and sets data-slot / data-state', () => {
    render(<Root data-testid="root" className="mine" state="closed" />);
    const root = screen.getByTestId('root');
    expect(root.className).toBe('rapport-demo mine');
    expect(root).toHaveAttribute('data-slot', 'demo-root');
    expect(root).toHaveAttribute('data-state', 'closed');
  });

  it('names non-root parts with __ and leaves data-state off when there is no state', () => {
    render(<Action>Go</Action>);
    const button = screen.getByRole('button', { name: 'Go' });
    expect(button.className).toBe('rapport-demo__action rapport-button');
    expect(button).toHaveAttribute('data-slot', 'demo-action');
    expect(button).not.toHaveAttribute('data-state');
  });

  it('applies defaults, which rest props override', () => {
    const { rerender } = render(<Action>Send</Action>);
    expect(screen.getByRole('button')).toHaveAttribute('type', 'button');
    rerender(
      <Action type="submit" aria-label="Send now" onClick={() => undefined}>
        Send
      </Action>,
    );
    const button = screen.getByRole('button', { name: 'Send now' });
    expect(button).toHaveAttribute('type', 'submit');
  });

  it('cannot be given a className that drops its public class', () => {
    render(<Root data-testid="root" className="" />);
    expect(screen.getByTestId('root').className).toBe('rapport-demo');
  });
});
