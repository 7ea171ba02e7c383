import type { Placement } from '@rapport/core';
import type { FeedbackPromptStep } from '@rapport/react';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FeedbackPromptView as View } from './FeedbackPromptView.js';
import { useFeedbackPromptDialog } from './useFeedbackPromptDialog.js';

interface HarnessProps {
  placement: Placement;
  defaultOpen?: boolean;
  step?: FeedbackPromptStep;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
}

/** A prompt of one's own: a trigger (for `tab`), a page button, and a panel with a field, all from the hook. */
function Harness({ placement, defaultOpen = false, step, onKeyDown }: HarnessProps): ReactNode {
  const [open, setOpen] = useState(defaultOpen);
  const { dialogProps, triggerProps } = useFeedbackPromptDialog({
    placement,
    open,
    step,
    onOpen: () => setOpen(true),
    onClose: () => setOpen(false),
    onKeyDown,
  });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Ask me
      </button>
      {placement === 'tab' && <View.Tab {...triggerProps}>Feedback</View.Tab>}
      {open && (
        <View.Root {...dialogProps} aria-label="Your feedback">
          {step !== 'thanks' && <input aria-label="Answer" />}
        </View.Root>
      )}
    </>
  );
}

describe('useFeedbackPromptDialog', () => {
  it('a popover takes focus when it opens; Escape closes it and focus returns to the control that opened it', async () => {
    const user = userEvent.setup();
    render(<Harness placement="popover" />);
    const ask = screen.getByRole('button', { name: 'Ask me' });
    await user.tab();
    expect(ask).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Your feedback' });
    expect(dialog).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Answer' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(ask).toHaveFocus();
  });

  it('a tab toggles the panel, says so with aria-expanded / aria-controls, and takes focus back on close', async () => {
    const user = userEvent.setup();
    render(<Harness placement="tab" />);
    const tab = screen.getByRole('button', { name: 'Feedback' });
    expect(tab).toHaveAttribute('aria-expanded', 'false');
    expect(tab).not.toHaveAttribute('aria-controls');
    await user.click(tab);
    const dialog = screen.getByRole('dialog', { name: 'Your feedback' });
    expect(tab).toHaveAttribute('aria-expanded', 'true');
    expect(tab).toHaveAttribute('aria-controls', dialog.id);
    expect(dialog).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(tab).toHaveFocus();
    // And the tab closes it as well as opening it.
    await user.click(tab);
    expect(screen.getByRole('dialog')).toHaveFocus();
    await user.click(tab);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('inline: a plain container (no role), Escape leaves it open', async () => {
    const user = userEvent.setup();
    render(<Harness placement="inline" defaultOpen />);
    const field = screen.getByRole('textbox', { name: 'Answer' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(field);
    await user.keyboard('{Escape}');
    expect(field).toBeInTheDocument();
    expect(field).toHaveFocus();
  });

  it('runs the caller’s keydown first: preventDefault keeps Escape from closing', async () => {
    const user = userEvent.setup();
    const onKeyDown = vi.fn((event: KeyboardEvent<HTMLDivElement>) => event.preventDefault());
    render(<Harness placement="popover" defaultOpen onKeyDown={onKeyDown} />);
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onKeyDown).toHaveBeenCalledOnce();
    expect(screen.getByRole('dialog')).toBe(dialog);
  });

  it('keeps focus in the panel when the form holding it goes away after sending', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Harness placement="inline" defaultOpen step="rating" />);
    await user.click(screen.getByRole('textbox', { name: 'Answer' }));
    rerender(<Harness placement="inline" defaultOpen step="sending" />);
    await act(async () => rerender(<Harness placement="inline" defaultOpen step="thanks" />));
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(document.querySelector('[data-slot="feedback-prompt-root"]')).toHaveFocus();
  });
});
