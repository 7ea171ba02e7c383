import { useCallback, useEffect, useRef, useState } from 'react';

/** Options of {@link useControllableState}. */
export interface ControllableStateOptions<T> {
  /**
   * The value, when the parent controls it. While it is not `undefined` the hook shows it and only asks for
   * changes through `onChange`. Default: `undefined` (uncontrolled: the hook keeps its own state).
   */
  value?: T;
  /** The starting value when uncontrolled. Required (use the widget's natural default). */
  defaultValue: T;
  /** Called with the new value on every change, controlled or not. Not called when the value stays the same. Default: none. */
  onChange?: (value: T) => void;
}

/** The setter of {@link useControllableState}: a value, or an updater of the current (rendered) value. */
export type ControllableStateSetter<T> = (next: T | ((current: T) => T)) => void;

/**
 * State that a parent may control (`value` + `onChange`) or leave to the component (`defaultValue`), in the
 * style of React Stately. For widget UI state: open, step, draft.
 *
 * Switching between controlled and uncontrolled during a component's life is a bug in the caller and is
 * reported in development.
 */
export function useControllableState<T>(options: ControllableStateOptions<T>): [T, ControllableStateSetter<T>] {
  const { value, defaultValue, onChange } = options;
  const isControlled = value !== undefined;
  const [internal, setInternal] = useState(defaultValue);
  const current = isControlled ? value : internal;

  const wasControlled = useRef(isControlled);
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' && wasControlled.current !== isControlled) {
      const [from, to] = isControlled ? ['uncontrolled', 'controlled'] : ['controlled', 'uncontrolled'];
      console.warn(
        `useControllableState: a component changed from ${from} to ${to}. ` +
          'Decide between `value` (controlled) and `defaultValue` (uncontrolled) for its whole life.',
      );
    }
    wasControlled.current = isControlled;
  }, [isControlled]);

  const setValue = useCallback<ControllableStateSetter<T>>(
    (next) => {
      const resolved = typeof next === 'function' ? (next as (current: T) => T)(current) : next;
      if (Object.is(resolved, current)) return;
      if (!isControlled) setInternal(resolved);
      onChange?.(resolved);
    },
    [current, isControlled, onChange],
  );

  return [current, setValue];
}
