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
  /**
   * The widget's former name, when it was renamed: its classes (`rapport-<alias>…`) follow the new ones so
   * stylesheets written for them keep working, and `data-slot` keeps `<alias>-<slot>`. Default: none.
   */
  alias?: string;
}

/** What a View adds to a part beyond its block, slot and element. */
export type PartOptions<E extends PartElement> = Pick<PartConfig<E>, 'extraClassName' | 'defaults'>;

/** A button part: the shared `rapport-button` class and `type="button"` (it never submits a host form). */
export const BUTTON_PART: PartOptions<'button'> = { extraClassName: 'rapport-button', defaults: { type: 'button' } };

/** Text only screen readers read (the shared `rapport-visually-hidden` class), e.g. "Loading…". */
export const LOADING_TEXT_PART: PartOptions<'span'> = { extraClassName: 'rapport-visually-hidden' };

/** One part of a compound View: a plain function component rendering one element. */
export type Part<E extends PartElement, S extends string = never> = { (props: PartProps<E, S>): ReactNode; displayName?: string };

/** The public class of `slot` in `block`: `rapport-<block>` for the root, `rapport-<block>__<slot>` otherwise. */
const classOf = (block: string, slot: string) => (slot === 'root' ? `rapport-${block}` : `rapport-${block}__${slot}`);

/**
 * Builds one part of a compound View. Every part:
 * - forwards its `ref` (React 19 passes `ref` as a prop) and spreads every other prop onto the element;
 * - merges `className` after its stable public class (`rapport-<block>` or `rapport-<block>__<slot>`);
 * - sets `data-slot="<block>-<slot>"` and, when given a `state`, `data-state`.
 */
export function createPart<E extends PartElement, S extends string = never>(config: PartConfig<E>): Part<E, S> {
  return makePart(config.block, config.alias, config.slot, config.element, config);
}

/** {@link createPart} with its config spread out, so {@link createParts} builds no object per part. */
function makePart<E extends PartElement, S extends string>(
  block: string,
  alias: string | undefined,
  slot: string,
  element: E,
  { extraClassName, defaults }: PartOptions<E> = {},
): Part<E, S> {
  const ownClass = classNames(classOf(block, slot), alias && classOf(alias, slot), extraClassName);
  const dataSlot = `${alias ?? block}-${slot}`;
  function Part({ className, state, ...rest }: PartProps<E, S>): ReactNode {
    return createElement(element, {
      ...defaults,
      ...rest,
      className: classNames(ownClass, className as string | undefined),
      'data-slot': dataSlot,
      'data-state': state,
    });
  }
  // For React DevTools; production builds leave it out.
  if (process.env.NODE_ENV !== 'production') Part.displayName = `${block}.${slot}`;
  return Part;
}

/** Makes one part of a widget: its slot name, the element it renders, and what else it needs. */
export type PartFactory = <E extends PartElement, S extends string = never>(
  slot: string,
  element: E,
  options?: PartOptions<E>,
) => Part<E, S>;

/**
 * Builds a widget's compound View: `build` gets a {@link PartFactory} bound to `block` and returns the parts.
 * One call, free of side effects, so a page that never uses the widget drops its View whole:
 *
 * ```ts
 * export const LoyaltyCardView = createParts('loyalty-card', (part) => ({
 *   Root: part<'section', LoyaltyCardState>('root', 'section'),
 *   Retry: part<'button', 'idle' | 'pending'>('retry', 'button', BUTTON_PART),
 * }));
 * ```
 *
 * `alias` is the widget's former name, if any (see {@link PartConfig.alias}).
 */
/* @__NO_SIDE_EFFECTS__ */
export function createParts<T>(block: string, build: (part: PartFactory) => T, alias?: string): T {
  return build((slot, element, options) => makePart(block, alias, slot, element, options));
}
