import type { ReactNode, Ref } from 'react';
import type { PartProps } from '../parts/createPart.js';
import type { WidgetState } from './useWidgetState.js';

/** The parts of the load error every widget shows: its `Error` and `Retry`. */
export interface LoadErrorParts {
  Error: (props: PartProps<'p'>) => ReactNode;
  Retry: (props: PartProps<'button', 'idle' | 'pending'>) => ReactNode;
}

/** The parts a widget's shell renders. */
export interface ShellParts<S extends string> extends LoadErrorParts {
  /** The widget's root. (A method, so every widget's root fits, whatever its element.) */
  Root(props: { ref?: Ref<never>; state?: S; 'aria-busy'?: boolean; children?: ReactNode }): ReactNode;
  Skeleton: (props: object) => ReactNode;
  LoadingText: (props: PartProps<'span'>) => ReactNode;
  /** Shown to a signed-out visitor (widgets with an `anonymous` state). */
  SignIn?: (props: PartProps<'p'>) => ReactNode;
  /** A live region to hold the error and Retry (the feedback prompt's `Status`). */
  Status?: (props: PartProps<'div'>) => ReactNode;
}

/** The strings the shell shows. */
export interface ShellText {
  /** Read by screen readers while loading. */
  loading: string;
  /** Why loading failed; called only then. Required when the widget can fail to load. */
  loadError?: () => string;
  /** The Retry button. Required with `loadError`. */
  retry?: string;
  /** Retry while its request is in flight. Default: `retry`. */
  retrying?: string;
  /** Asks a signed-out visitor to sign in. */
  signIn?: string;
}

/** Props of {@link WidgetShell}. */
interface WidgetShellProps<S extends string> {
  parts: ShellParts<S>;
  /** The widget's {@link useWidgetState}. */
  shell: WidgetState;
  text: ShellText;
  /** Props of the root: the widget's own, then the caller's. */
  root: object;
  /** The root's `data-state` once loaded (a widget may refine `ready`). Default: the shell's state. */
  state?: S;
  /** Show the loading placeholder whatever the state (the fallback while the loaded widget's code arrives). */
  loading?: boolean;
  /** The live region to put the error in (`Status`): announced as it appears. Default: none. */
  liveError?: boolean;
  /** Above the body in every state (a title row). */
  header?: ReactNode;
  /** The loaded widget's content. */
  children?: ReactNode;
}

/**
 * Every widget's root in its loading, error and signed-out states (and, for widgets that render it here, once
 * loaded): the skeleton with words for screen readers, the load error with Retry, or the invitation to sign
 * in. `aria-busy` while loading or retrying.
 */
export function WidgetShell<S extends string>(props: WidgetShellProps<S>): ReactNode {
  const { parts: View, shell, text, root, state, loading, liveError, header, children } = props;
  const shown = loading ? 'loading' : shell.state;
  // The one load error of every widget: the message, and Retry, which asks for the bootstrap again (every widget
  // on the page shares it). While that request runs the button stays, `aria-disabled` with `state="pending"`,
  // so keyboard focus is not lost; once it succeeds, the widget's root takes focus (see `useWidgetState`).
  const pending = shell.retrying;
  const error = shown === 'error' && (
    <>
      <View.Error>{text.loadError!()}</View.Error>
      <View.Retry state={pending ? 'pending' : 'idle'} aria-disabled={pending || undefined} onClick={shell.retry}>
        {pending ? (text.retrying ?? text.retry) : text.retry}
      </View.Retry>
    </>
  );
  return (
    <View.Root
      {...root}
      ref={(loading ? shell.ref : shell.rootRef) as Ref<never>}
      state={(shown === 'ready' && state) || (shown as S)}
      aria-busy={shown === 'loading' || shell.retrying || undefined}
    >
      {header}
      {shown === 'loading' ? (
        <>
          <View.Skeleton />
          <View.LoadingText>{text.loading}</View.LoadingText>
        </>
      ) : shown === 'anonymous' && View.SignIn ? (
        <View.SignIn>{text.signIn}</View.SignIn>
      ) : error ? (
        liveError && View.Status ? <View.Status>{error}</View.Status> : error
      ) : (
        children
      )}
    </View.Root>
  );
}
