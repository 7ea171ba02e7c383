import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useControllableState } from './useControllableState.js';

describe('useControllableState', () => {
  it('keeps its own state when uncontrolled and reports changes', () => {
    const onChange = vi.fn();
    const { result } = renderHook(() => useControllableState({ defaultValue: 1, onChange }));
    expect(result.current[0]).toBe(1);
    act(() => result.current[1](2));
    expect(result.current[0]).toBe(2);
    act(() => result.current[1]((n) => n + 10));
    expect(result.current[0]).toBe(12);
    expect(onChange.mock.calls).toEqual([[2], [12]]);
  });

  it('mirrors the controlled value and only asks for changes', () => {
    const onChange = vi.fn();
    const { result, rerender } = renderHook(
      ({ value }: { value: string }) => useControllableState({ value, defaultValue: 'ignored', onChange }),
      { initialProps: { value: 'closed' } },
    );
    expect(result.current[0]).toBe('closed');
    act(() => result.current[1]('open'));
    expect(onChange).toHaveBeenCalledWith('open');
    expect(result.current[0]).toBe('closed');
    rerender({ value: 'open' });
    expect(result.current[0]).toBe('open');
  });

  it('does not report a change to the same value', () => {
    const onChange = vi.fn();
    const { result } = renderHook(() => useControllableState({ defaultValue: 'a', onChange }));
    act(() => result.current[1]('a'));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('warns in development when switching between controlled and uncontrolled', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { rerender } = renderHook(
      ({ value }: { value: number | undefined }) => useControllableState({ value, defaultValue: 0 }),
      { initialProps: { value: undefined as number | undefined } },
    );
    expect(warn).not.toHaveBeenCalled();
    rerender({ value: 5 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('changed from uncontrolled to controlled'));
    warn.mockRestore();
  });
});
