import { useVisitor } from '@rapport/react';
import { useEffect, useMemo, useRef, type ComponentPropsWithRef, type MouseEvent, type ReactNode } from 'react';
import { mergeRefs } from '../internal/mergeRefs.js';
import { warnSetupRefusal } from '../internal/setupRefusal.js';
import { resolveVisitorStatusMessages, type VisitorStatusMessages } from './visitorStatusMessages.js';
import { VisitorStatusView, type VisitorStatusState } from './VisitorStatusView.js';

/** Props of {@link VisitorStatus}: the root `div`'s props (ref, className, aria-*) plus `messages`. */
export interface VisitorStatusProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** Replaces any of the strings visitors read. Default: English ({@link defaultVisitorStatusMessages}). */
  messages?: Partial<VisitorStatusMessages>;
}

/**
 * Who the visitor is on this site: "Signed in as Ada Lovelace" or "Browsing as a guest", plus the site's
 * name. Shows a skeleton while loading and a message with a Retry button when loading fails.
 * Must be inside `<RapportProvider>`; shares the page's single bootstrap request with the other widgets.
 */
export function VisitorStatus({ messages, ref, ...rest }: VisitorStatusProps): ReactNode {
  const visitor = useVisitor();
  if (process.env.NODE_ENV !== 'production') warnSetupRefusal(visitor.error);
  const text = resolveVisitorStatusMessages(messages);
  const { data, site, error, isFetching, refetch } = visitor;
  const state: VisitorStatusState = data && site ? 'ready' : visitor.status === 'error' ? 'error' : 'loading';
  const retrying = state === 'error' && isFetching;

  const rootRef = useRef<HTMLDivElement>(null);
  const refs = useMemo(() => mergeRefs(rootRef, ref), [ref]);
  // The Retry button unmounts on success; without this, keyboard focus would fall back to <body>.
  const refocusAfterRetry = useRef(false);
  useEffect(() => {
    if (state !== 'ready' || !refocusAfterRetry.current) return;
    refocusAfterRetry.current = false;
    rootRef.current?.focus();
  }, [state]);

  const retry = (event: MouseEvent<HTMLButtonElement>) => {
    if (retrying) return;
    refocusAfterRetry.current = event.currentTarget.ownerDocument.activeElement === event.currentTarget;
    refetch();
  };

  return (
    <VisitorStatusView.Root
      tabIndex={-1}
      {...rest}
      ref={refs}
      state={state}
      aria-busy={state === 'loading' || retrying || undefined}
    >
      {state === 'loading' && (
        <>
          <VisitorStatusView.Skeleton />
          <VisitorStatusView.LoadingText>{text.loading}</VisitorStatusView.LoadingText>
        </>
      )}
      {state === 'error' && error && (
        <>
          <VisitorStatusView.ErrorMessage>{text.error(error)}</VisitorStatusView.ErrorMessage>
          <VisitorStatusView.Retry
            state={retrying ? 'pending' : 'idle'}
            aria-disabled={retrying || undefined}
            onClick={retry}
          >
            {retrying ? text.retrying : text.retry}
          </VisitorStatusView.Retry>
        </>
      )}
      {state === 'ready' && data && site && (
        <>
          <VisitorStatusView.Name state={data.kind}>
            {data.kind === 'anonymous'
              ? text.guest
              : data.displayName
                ? text.signedInAs(data.displayName)
                : text.signedIn}
          </VisitorStatusView.Name>
          <VisitorStatusView.Detail>{text.site(site.name)}</VisitorStatusView.Detail>
        </>
      )}
    </VisitorStatusView.Root>
  );
}
