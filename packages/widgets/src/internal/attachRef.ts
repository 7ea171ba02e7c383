import type { Ref } from 'react';

/**
 * Points the caller's `ref` (a callback, an object, or none) at `node`, from inside a ref callback of the
 * widget's own; returns what detaches it again, which that callback returns in turn (React 19 then calls it
 * instead of calling the callback with `null`).
 */
export function attachRef<T>(ref: Ref<T> | undefined, node: T | null): () => void {
  if (typeof ref === 'function') {
    const cleanup = ref(node);
    return typeof cleanup === 'function' ? cleanup : () => ref(null);
  }
  if (ref) ref.current = node;
  return () => {
    if (ref) ref.current = null;
  };
}
