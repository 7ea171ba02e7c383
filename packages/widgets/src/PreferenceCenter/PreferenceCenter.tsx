import { usePreferences } from '@rapport/react';
import { Suspense, useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { devWarning } from '../internal/devWarning.js';
import { lazyPanel } from '../internal/lazyPanel.js';
import { useWidgetLocale } from '../internal/useWidgetLocale.js';
import { useWidgetState } from '../internal/useWidgetState.js';
import { WidgetShell } from '../internal/WidgetShell.js';
import { resolvePreferenceCenterMessages, type PreferenceCenterMessages } from './preferenceCenterMessages.js';
import { PreferenceCenterView as View } from './PreferenceCenterView.js';

// The topics, switches and controls show only once the bootstrap has answered (see `lazyPanel`).
const { Panel: PreferenceCenterPanel, usePreload: usePreloadPanel } = lazyPanel(() =>
  import('./PreferenceCenterPanel.js').then((m) => m.PreferenceCenterPanel),
);

/** Props of {@link PreferenceCenter}: the root `section`'s props (ref, className, aria-*) plus the options below. */
export interface PreferenceCenterProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  /** Replaces any of the strings visitors read. Default: English ({@link defaultPreferenceCenterMessages}). */
  messages?: Partial<PreferenceCenterMessages>;
  /**
   * BCP 47 locale for dates, also recorded with each consent. Default: the visitor's locale, else the site's
   * default locale.
   */
  locale?: string;
}

/**
 * Lets the visitor choose, topic by topic and channel by channel, what the business may send them: nothing
 * pre-ticked, required topics explained and locked on, frequency where allowed, pause everything or
 * unsubscribe from all in one action (both reversible), and a JSON export of their choices and consent
 * history. Changes apply at once and roll back, announced, when refused. Must be inside `<RapportProvider>`.
 */
export function PreferenceCenter(props: PreferenceCenterProps): ReactNode {
  const { messages, locale: localeProp, ref, ...rest } = props;
  const text = resolvePreferenceCenterMessages(messages);
  const { locale, timeZone } = useWidgetLocale(localeProp);
  const preferences = usePreferences({ locale });
  const titleId = `${useId()}-title`;
  usePreloadPanel();

  const { catalog, state } = preferences;
  const shell = useWidgetState({
    status: preferences.status,
    enabled: preferences.enabled,
    loaded: !!catalog,
    anonymous: preferences.isAnonymous || (!!catalog && !state),
    ref,
  });
  const { rootRef } = shell;
  if (shell.state === 'disabled') {
    if (process.env.NODE_ENV !== 'production') {
      devWarning('<PreferenceCenter> renders nothing: preferences are switched off for this site.');
    }
    return null;
  }

  const shellProps = {
    parts: View,
    shell,
    text: { ...text, loadError: () => text.loadError(preferences.error) },
    root: { 'aria-labelledby': titleId, tabIndex: -1, ...rest },
    header: (
      <View.Header>
        <View.Title id={titleId}>{text.title}</View.Title>
      </View.Header>
    ),
  };
  if (shell.state !== 'ready' || !catalog || !state) return <WidgetShell {...shellProps} />;
  return (
    <Suspense fallback={<WidgetShell {...shellProps} loading />}>
      <PreferenceCenterPanel
        tabIndex={-1}
        {...rest}
        ref={rootRef}
        parts={View}
        text={text}
        preferences={preferences}
        catalog={catalog}
        state={state}
        locale={locale}
        timeZone={timeZone}
        titleId={titleId}
      />
    </Suspense>
  );
}
