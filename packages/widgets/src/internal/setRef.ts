import type { Ref } from 'react';

/**
 * Points the caller's `ref` (a callback, an object, or none) at `node`, from inside a ref callback of the
 * widget's own; returns what the caller's callback returned (its cleanup, if any). A ref callback that returns
 * that gets the caller's exact React 19 semantics: its cleanup runs on detach, or else it is called with `null`.
 */
export const setRef = <T>(ref: Ref<T> | undefined, node: T | null): void | (() => void) =>
  typeof ref === 'function' ? (ref(node) as void | (() => void)) : void (ref && (ref.current = node));
