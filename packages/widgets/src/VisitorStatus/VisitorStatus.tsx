import { useVisitor } from '@rapport/react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useWidgetState } from '../internal/useWidgetState.js';
import { WidgetShell } from '../internal/WidgetShell.js';
import { resolveVisitorStatusMessages, type VisitorStatusMessages } from './visitorStatusMessages.js';
import { VisitorStatusView as View } from './VisitorStatusView.js';

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
  const { data, site, status, error } = useVisitor();
  const text = resolveVisitorStatusMessages(messages);
  const shell = useWidgetState({ status, enabled: true, loaded: !!(data && site), ref });
  return (
    <WidgetShell
      parts={View}
      shell={shell}
      root={{ tabIndex: -1, ...rest }}
      text={{ ...text, loadError: () => text.error(error!) }}
    >
      {data && site && (
        <>
          <View.Name state={data.kind}>
            {data.kind === 'anonymous' ? text.guest : data.displayName ? text.signedInAs(data.displayName) : text.signedIn}
          </View.Name>
          <View.Detail>{text.site(site.name)}</View.Detail>
        </>
      )}
    </WidgetShell>
  );
}
