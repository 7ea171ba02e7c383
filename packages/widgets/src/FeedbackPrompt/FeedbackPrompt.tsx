import type { Placement } from '@rapport/core';
import { useFeedback, useFeedbackPrompt } from '@rapport/react';
import { Suspense, type ComponentPropsWithRef, type ReactNode } from 'react';
import { lazyPanel } from '../internal/lazyPanel.js';
import { useWidgetLocale } from '../internal/useWidgetLocale.js';
import { useWidgetState } from '../internal/useWidgetState.js';
import { WidgetShell } from '../internal/WidgetShell.js';
import { resolveFeedbackPromptMessages, type FeedbackPromptMessages } from './feedbackPromptMessages.js';
import type { PanelContent } from './FeedbackPromptPanel.js';
import { FeedbackPromptView as View } from './FeedbackPromptView.js';
import { useFeedbackPromptDialog } from './useFeedbackPromptDialog.js';
import { useFeedbackReply } from './useFeedbackReply.js';
import { warnNothingAsked } from './warnNothingAsked.js';

// The panel (form, scale, reply) shows only once the bootstrap has answered (see `lazyPanel`).
const { Panel: FeedbackPromptPanel, usePreload: usePreloadPanel } = lazyPanel(() =>
  import('./FeedbackPromptPanel.js').then((m) => m.FeedbackPromptPanel),
);

/** Props of {@link FeedbackPrompt}: the root `div`'s props (ref, className, aria-*) plus the options below. */
export interface FeedbackPromptProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** Ask this survey only. Default: the first active survey (with `placement`, when given). */
  surveyId?: string;
  /**
   * How the prompt is drawn: `inline` where the component is, `popover` as a non-modal corner panel, or `tab`
   * as a persistent "Feedback" button that opens the panel. Without `surveyId` it also picks the surveys
   * asked: those with this placement. Default: the survey's own placement.
   */
  placement?: Placement;
  /** Replaces any of the strings visitors read. Default: English ({@link defaultFeedbackPromptMessages}). */
  messages?: Partial<FeedbackPromptMessages>;
  /** BCP 47 locale for numbers and dates. Default: the visitor's locale, else the site's default locale. */
  locale?: string;
  /** Whether the prompt is open, when you control it. Default: `undefined` (uncontrolled: triggers open it). */
  open?: boolean;
  /** Whether the prompt starts open when uncontrolled. Default: `false`. */
  defaultOpen?: boolean;
  /** Called with the new value whenever the prompt opens or closes. Default: none. */
  onOpenChange?: (open: boolean) => void;
}

/**
 * Asks the visitor a survey (NPS, CSAT, CES, thumbs or free text) with a follow-up per score band, thanks
 * them with an echo of what they said, keeps answers given offline until the connection is back, and shows
 * the business's replies to earlier answers once ("close the loop"). Must be inside `<RapportProvider>`.
 */
export function FeedbackPrompt(props: FeedbackPromptProps): ReactNode {
  const { surveyId, placement: placementProp, messages, locale, open, defaultOpen, onOpenChange, ref, ...rest } =
    props;
  const text = resolveFeedbackPromptMessages(messages);
  const feedback = useFeedback();
  const where = useWidgetLocale(locale);
  const matching = feedback.surveys.filter((s) =>
    surveyId !== undefined ? s.id === surveyId : placementProp === undefined || s.placement === placementProp,
  );
  const prompt = useFeedbackPrompt({
    surveyId,
    placement: surveyId === undefined ? placementProp : undefined,
    triggers: (placementProp ?? matching[0]?.placement) !== 'tab',
    open,
    defaultOpen,
    onOpenChange,
  });
  const { survey } = prompt;
  const placement = placementProp ?? survey?.placement ?? matching[0]?.placement ?? 'inline';
  const { status, enabled } = feedback;
  const shell = useWidgetState({ status, enabled, loaded: enabled, ref });
  const ready = shell.state === 'ready';
  usePreloadPanel();
  if (process.env.NODE_ENV !== 'production' && (shell.state === 'disabled' || (ready && matching.length === 0))) {
    warnNothingAsked(shell.state === 'disabled', surveyId, placementProp);
  }

  // Replies: inline and popover prompts show them by themselves; the tab when the visitor opens it.
  const replies = useFeedbackReply({ enabled: ready, onDemand: placement === 'tab' });
  const { reply } = replies;
  const content: PanelContent | null = reply
    ? { kind: 'reply', reply }
    : prompt.open && survey
      ? { kind: 'survey', survey, prompt }
      : null;
  const close = () => {
    replies.close();
    if (prompt.open) prompt.dismiss();
  };
  const dialog = useFeedbackPromptDialog({
    placement,
    open: content !== null,
    step: prompt.step,
    onClose: close,
    onOpen: () => {
      replies.show();
      if (survey) prompt.openFrom('tab').catch(() => undefined);
    },
    id: rest.id,
    ref: shell.rootRef,
    onKeyDown: rest.onKeyDown,
    onFocus: rest.onFocus,
  });
  const { dialogProps } = dialog;

  const shellProps = {
    parts: View,
    shell,
    text: { ...text, loadError: () => text.loadError(feedback.error!) },
    root: { tabIndex: -1, ...rest, id: dialogProps.id, 'data-placement': placement },
    liveError: true,
  };
  const failed = shell.state === 'loading' || shell.state === 'error';
  if (placement === 'inline' && failed) return <WidgetShell {...shellProps} />;
  const panel = content && (
    <Suspense fallback={placement === 'inline' ? <WidgetShell {...shellProps} loading /> : null}>
      <FeedbackPromptPanel
        {...rest}
        {...dialogProps}
        role={rest.role ?? dialogProps.role}
        data-placement={placement}
        content={content}
        parts={View}
        text={text}
        locale={where.locale}
        timeZone={where.timeZone}
        kindOf={(answered) => feedback.surveys.find((s) => s.id === answered)?.kind}
        questionId={`${dialogProps.id}-question`}
        onDismiss={close}
        onAcknowledge={(shown) => {
          // The button goes away with the reply: keep focus in the prompt, not on the page.
          dialog.focusDialog();
          replies.acknowledge(shown);
        }}
      />
    </Suspense>
  );
  if (placement !== 'tab') return panel;
  if (!ready || (survey === null && replies.replies.length === 0)) return null;
  return (
    <>
      <View.Tab {...dialog.triggerProps} state={content ? 'open' : 'closed'}>
        {text.tab}
      </View.Tab>
      {panel}
    </>
  );
}
