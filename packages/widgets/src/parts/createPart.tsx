import { createElement, type ComponentPropsWithRef, type JSX, type ReactNode } from 'react';
import { classNames } from '../internal/classNames.js';

/** HTML elements a part can render. */
export type PartElement = keyof JSX.IntrinsicElements;

/** Props of a part: the element's own props (ref included), plus its enumerated `state` when it has one. */
export type PartProps<E extends PartElement, S extends string = never> = ComponentPropsWithRef<E> & {
  /** The part's state, written to `data-state` for styling and tests. Default: none. */
  state?: S;
};

/** How {@link createPart} builds one part of a compound View. */
export interface PartConfig<E extends PartElement> {
  /** The widget's name in class names, e.g. `visitor-status`. */
  block: string;
  /** The part's name: `root` gives `rapport-<block>`, anything else `rapport-<block>__<slot>`. */
  slot: string;
  /** The element rendered. */
  element: E;
  /** Extra shared classes, e.g. `rapport-button`. Default: none. */
  extraClassName?: string;
  /** Props applied before the caller's (the caller can override them), e.g. `{ type: 'button' }`. */
  defaults?: Partial<ComponentPropsWithRef<E>>;
}

/** What a View adds to a part beyond its block, slot and element. */
export type PartOptions<E extends PartElement> = Pick<PartConfig<E>, 'extraClassName' | 'defaults'>;

/** A button part: the shared `rapport-button` class and `type="button"` (it never submits a host form). */
export const BUTTON_PART: PartOptions<'button'> = { extraClassName: 'rapport-button', defaults: { type: 'button' } };

/**
 * Builds one part of a compound View. Every part:
 * - forwards its `ref` (React 19 passes `ref` as a prop) and spreads every other prop onto the element;
 * - merges `className` after its stable public class (`rapport-<block>` or `rapport-<block>__<slot>`);
 * - sets `data-slot="<block>-<slot>"` and, when given a `state`, `data-state`.
 */
export function createPart<E extends PartElement, S extends string = never>(
  config: PartConfig<E>,
): { (props: PartProps<E, S>): ReactNode; displayName: string } {
  const ownClass = config.slot === 'root' ? `rapport-${config.block}` : `rapport-${config.block}__${config.slot}`;
  const slot = `${config.block}-${config.slot}`;
  function Part({ className, state, ...rest }: PartProps<E, S>): ReactNode {
    return createElement(config.element, {
      ...config.defaults,
      ...rest,
      className: classNames(ownClass, config.extraClassName, className as string | undefined),
      'data-slot': slot,
      'data-state': state,
    });
  }
  Part.displayName = `${config.block}.${config.slot}`;
  return Part;
}
