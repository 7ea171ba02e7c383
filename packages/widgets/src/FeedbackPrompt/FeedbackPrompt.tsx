import type { LoopReply, Placement } from '@rapport/core';
import { useFeedback, useFeedbackPrompt, useLoopReplies, useRapportClient, useVisitor } from '@rapport/react';
import {
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { devWarning } from '../internal/devWarning.js';
import { warnSetupRefusal } from '../internal/setupRefusal.js';
import { lazyPanel } from '../internal/lazyPanel.js';
import { mergeRefs } from '../internal/mergeRefs.js';
import { resolveFeedbackPromptMessages, type FeedbackPromptMessages } from './feedbackPromptMessages.js';
import type { PanelContent } from './FeedbackPromptPanel.js';
import { FeedbackPromptView as View } from './FeedbackPromptView.js';
import { claimReply, releaseReplies } from './replyClaims.js';

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
  const client = useRapportClient();
  const feedback = useFeedback();
  const visitor = useVisitor();
  if (process.env.NODE_ENV !== 'production') warnSetupRefusal(visitor.error);
  const loop = useLoopReplies();
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
  const { survey, step } = prompt;
  const placement = placementProp ?? survey?.placement ?? matching[0]?.placement ?? 'inline';
  const floating = placement !== 'inline';

  const id = useId();
  const panelId = rest.id ?? `${id}-panel`;
  const rootRef = useRef<HTMLDivElement>(null);
  const tabRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  // A floating panel takes focus when it appears (its code may arrive after `open` turned true).
  const focusOnOpen = useCallback(
    (node: HTMLDivElement | null) => {
      if (!node || !floating) return;
      const doc = node.ownerDocument;
      const active = doc.activeElement;
      if (node.contains(active)) return;
      returnTo.current =
        placement === 'tab' ? tabRef.current : active instanceof HTMLElement && active !== doc.body ? active : null;
      node.focus();
    },
    [floating, placement],
  );
  const refs = useMemo(() => mergeRefs(rootRef, ref, focusOnOpen), [ref, focusOnOpen]);
  usePreloadPanel();

  // Replies: inline and popover prompts show them by themselves; the tab when the visitor opens it.
  const [closedReplies, setClosedReplies] = useState<readonly string[]>([]);
  const [tabShowsReplies, setTabShowsReplies] = useState(false);
  const ready = feedback.status === 'ready';
  const wantsReplies = ready && (placement !== 'tab' || tabShowsReplies);
  const reply = wantsReplies
    ? (loop.replies.find((r) => !closedReplies.includes(r.responseId) && claimReply(client, r.responseId, id)) ?? null)
    : null;
  useEffect(() => () => releaseReplies(client, id), [client, id]);

  const { markSeen } = loop;
  const replyId = reply?.responseId;
  useEffect(() => {
    if (replyId !== undefined) markSeen(replyId).catch(() => undefined);
  }, [replyId, markSeen]);

  let content: PanelContent | { kind: 'loading' } | null = null;
  if (placement === 'inline' && feedback.status === 'loading') content = { kind: 'loading' };
  else if (placement === 'inline' && feedback.status === 'error' && feedback.error) {
    content = { kind: 'error', error: feedback.error, retrying: visitor.isFetching };
  } else if (reply) content = { kind: 'reply', reply };
  else if (prompt.open && survey) content = { kind: 'survey', survey, prompt };
  const visible = content !== null;

  const acknowledge = (shown: LoopReply) => {
    // The button goes away with the reply: keep focus in the prompt, not on the page.
    rootRef.current?.focus();
    loop.acknowledge(shown.responseId).catch(() => undefined);
  };

  const close = () => {
    if (reply) setClosedReplies((ids) => [...ids, reply.responseId]);
    setTabShowsReplies(false);
    releaseReplies(client, id);
    if (prompt.open) prompt.dismiss();
  };

  // Closing gives focus back to where it came from, when it was in the panel (and so fell to the page).
  useEffect(() => {
    if (visible) return;
    const target = returnTo.current;
    returnTo.current = null;
    const active = target?.ownerDocument.activeElement;
    if (target?.isConnected && (!active || active === target.ownerDocument.body)) target.focus();
  }, [visible]);

  // The form goes away once the answer is sent: its Send button held focus, so keep it in the prompt.
  const previousStep = useRef(step);
  useEffect(() => {
    const root = rootRef.current;
    const doc = globalThis.document;
    if (previousStep.current === 'sending' && (step === 'thanks' || step === 'queued') && root) {
      if (doc.activeElement === null || doc.activeElement === doc.body) root.focus();
    }
    previousStep.current = step;
  }, [step]);

  useEffect(() => {
    if (process.env.NODE_ENV === 'production' || !ready) return;
    if (!feedback.enabled) devWarning('<FeedbackPrompt> renders nothing: feedback is switched off for this site.');
    else if (matching.length === 0) {
      const which =
        surveyId !== undefined ? ` surveyId="${surveyId}"` : placementProp ? ` placement="${placementProp}"` : '';
      devWarning(`<FeedbackPrompt${which}> matches no active survey, so it asks nothing.`);
    }
  }, [ready, feedback.enabled, matching.length, surveyId, placementProp]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    rest.onKeyDown?.(event);
    if (event.defaultPrevented || event.key !== 'Escape' || !floating) return;
    event.preventDefault();
    close();
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    rest.onFocus?.(event);
    const from = event.relatedTarget;
    // Inline: remember where focus came from, to give it back when the visitor closes the prompt.
    if (!floating && from instanceof HTMLElement && !event.currentTarget.contains(from)) returnTo.current ??= from;
  };

  const loading = (
    <View.Root {...rest} id={panelId} ref={ref} data-placement={placement} state="loading" aria-busy>
      <View.Skeleton />
      <span className="rapport-visually-hidden">{text.loading}</span>
    </View.Root>
  );
  if (content?.kind === 'loading') return loading;
  const panel = content && (
    <Suspense fallback={placement === 'inline' ? loading : null}>
      <FeedbackPromptPanel
        role={floating ? 'dialog' : undefined}
        {...rest}
        id={panelId}
        ref={refs}
        data-placement={placement}
        content={content}
        parts={View}
        text={text}
        locale={locale ?? visitor.data?.locale ?? visitor.site?.defaultLocale}
        timeZone={visitor.data?.timeZone ?? undefined}
        kindOf={(answered) => feedback.surveys.find((s) => s.id === answered)?.kind}
        questionId={`${id}-question`}
        onDismiss={content.kind === 'reply' || content.kind === 'survey' ? close : undefined}
        onRetry={visitor.refetch}
        onAcknowledge={acknowledge}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      />
    </Suspense>
  );
  if (placement !== 'tab') return panel;
  if (!ready || (survey === null && loop.replies.length === 0)) return null;
  return (
    <>
      <View.Tab
        ref={tabRef}
        state={visible ? 'open' : 'closed'}
        aria-expanded={visible}
        aria-controls={visible ? panelId : undefined}
        onClick={() => {
          if (visible) return close();
          if (loop.replies.length > 0) setTabShowsReplies(true);
          if (survey) prompt.openFrom('tab').catch(() => undefined);
        }}
      >
        {text.tab}
      </View.Tab>
      {panel}
    </>
  );
}
