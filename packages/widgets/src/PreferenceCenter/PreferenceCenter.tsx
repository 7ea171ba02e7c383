import { usePreferences, useVisitor } from '@rapport/react';
import { Suspense, useEffect, useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { devWarning } from '../internal/devWarning.js';
import { lazyPanel } from '../internal/lazyPanel.js';
import { LoadError } from '../internal/LoadError.js';
import { resolvePreferenceCenterMessages, type PreferenceCenterMessages } from './preferenceCenterMessages.js';
import { PreferenceCenterView as View, type PreferenceCenterState } from './PreferenceCenterView.js';

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
  const { messages, locale: localeProp, ...rest } = props;
  const text = resolvePreferenceCenterMessages(messages);
  const visitor = useVisitor();
  const locale = localeProp ?? visitor.data?.locale ?? visitor.site?.defaultLocale;
  const preferences = usePreferences({ locale });
  const titleId = `${useId()}-title`;
  usePreloadPanel();

  const { status, catalog, state } = preferences;
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' && status === 'ready' && !preferences.enabled) {
      devWarning('<PreferenceCenter> renders nothing: preferences are switched off for this site.');
    }
  }, [status, preferences.enabled]);
  if (status === 'ready' && !preferences.enabled) return null;

  const shell = (rootState: PreferenceCenterState, body: ReactNode, busy?: boolean) => (
    <View.Root aria-labelledby={titleId} aria-busy={busy || undefined} {...rest} state={rootState}>
      <View.Header>
        <View.Title id={titleId}>{text.title}</View.Title>
      </View.Header>
      {body}
    </View.Root>
  );
  const loading = shell(
    'loading',
    <>
      <View.Skeleton />
      <span className="rapport-visually-hidden">{text.loading}</span>
    </>,
    true,
  );

  if (status === 'loading' || (status === 'ready' && !catalog)) return loading;
  if (status === 'error' || !catalog) {
    return shell(
      'error',
      <LoadError parts={View} message={text.loadError(preferences.error)} retry={text.retry} visitor={visitor} />,
    );
  }
  if (preferences.isAnonymous || !state) return shell('anonymous', <View.SignIn>{text.signIn}</View.SignIn>);

  return (
    <Suspense fallback={loading}>
      <PreferenceCenterPanel
        {...rest}
        parts={View}
        text={text}
        preferences={preferences}
        catalog={catalog}
        state={state}
        locale={locale}
        timeZone={visitor.data?.timeZone ?? undefined}
        titleId={titleId}
      />
    </Suspense>
  );
}
