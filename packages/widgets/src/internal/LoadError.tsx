import type { RapportError } from '@rapport/core';
import type { ReactNode } from 'react';
import type { PartProps } from '../parts/createPart.js';
import { warnSetupRefusal } from './setupRefusal.js';

/** Props of {@link LoadError}. */
interface LoadErrorProps {
  /** The widget's own `Error` and `Retry` parts. */
  parts: {
    Error: (props: PartProps<'p'>) => ReactNode;
    Retry: (props: PartProps<'button', 'idle' | 'pending'>) => ReactNode;
  };
  /** Why loading failed, in the visitor's words. */
  message: string;
  /** The Retry button's text. */
  retry: string;
  /**
   * `useVisitor()` of the widget, whose `refetch` asks for the bootstrap again. Passed in, not called here: a
   * query observer mounting on an errored query would refetch at once, before the visitor could read the error.
   * Its `error`, when the server refused the page's origin or key, is logged once in development.
   */
  visitor: { isFetching: boolean; refetch: () => unknown; error: RapportError | null };
}

/**
 * A widget's "could not load" state: the message, and Retry, which asks for the bootstrap again (every widget
 * on the page shares it). While that request runs the button stays, `aria-disabled` with `state="pending"`, so
 * keyboard focus is not lost.
 */
export function LoadError({ parts: View, message, retry, visitor }: LoadErrorProps): ReactNode {
  if (process.env.NODE_ENV !== 'production') warnSetupRefusal(visitor.error);
  const retrying = visitor.isFetching;
  return (
    <>
      <View.Error>{message}</View.Error>
      <View.Retry
        state={retrying ? 'pending' : 'idle'}
        aria-disabled={retrying || undefined}
        onClick={() => !retrying && visitor.refetch()}
      >
        {retry}
      </View.Retry>
    </>
  );
}
