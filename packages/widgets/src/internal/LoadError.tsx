import type { ReactNode } from 'react';
import type { PartProps } from '../parts/createPart.js';
import type { WidgetState } from './useWidgetState.js';

/** The parts {@link LoadError} renders: every widget's `Error` and `Retry`. */
export interface LoadErrorParts {
  Error: (props: PartProps<'p'>) => ReactNode;
  Retry: (props: PartProps<'button', 'idle' | 'pending'>) => ReactNode;
}

/** Props of {@link LoadError}. */
interface LoadErrorProps {
  /** The widget's own `Error` and `Retry` parts. */
  parts: LoadErrorParts;
  /** The widget's {@link useWidgetState}: whether Retry's request is in flight, and what Retry does. */
  shell: Pick<WidgetState, 'retrying' | 'retry'>;
  /** Why loading failed, in the visitor's words. */
  message: string;
  /** The Retry button's text. */
  retry: string;
  /** Its text while the request is in flight. Default: `retry`. */
  retrying?: string;
}

/**
 * A widget's "could not load" state: the message, and Retry, which asks for the bootstrap again (every widget
 * on the page shares it). While that request runs the button stays, `aria-disabled` with `state="pending"`, so
 * keyboard focus is not lost; once it succeeds, the widget's root takes focus (see `useWidgetState`).
 */
export function LoadError({ parts: View, shell, message, retry, retrying = retry }: LoadErrorProps): ReactNode {
  const pending = shell.retrying;
  return (
    <>
      <View.Error>{message}</View.Error>
      <View.Retry state={pending ? 'pending' : 'idle'} aria-disabled={pending || undefined} onClick={shell.retry}>
        {pending ? retrying : retry}
      </View.Retry>
    </>
  );
}
