import { useVisitor } from '@rapport/react';
import type { ReactNode } from 'react';
import type { PartProps } from '../parts/createPart.js';

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
}

/**
 * A widget's "could not load" state: the message, and Retry, which asks for the bootstrap again (every widget
 * on the page shares it). While that request runs the button stays, `aria-disabled` with `state="pending"`, so
 * keyboard focus is not lost.
 */
export function LoadError({ parts: View, message, retry }: LoadErrorProps): ReactNode {
  const visitor = useVisitor();
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
