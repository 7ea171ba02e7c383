import type { LoopReply } from '@rapport/core';
import { useLoopReplies, useRapportClient } from '@rapport/react';
import { useEffect, useId, useState } from 'react';
import { claimReply, releaseReplies } from './replyClaims.js';

/** Options of {@link useFeedbackReply}. */
export interface FeedbackReplyOptions {
  /** Whether the prompt may show a reply now (say, once the surveys have loaded). Default: `true`. */
  enabled?: boolean;
  /**
   * Show replies only after {@link FeedbackReplyResult.show} (a prompt behind a feedback tab shows them when
   * the visitor opens it), until {@link FeedbackReplyResult.close}. Default: `false` (shown by themselves).
   */
  onDemand?: boolean;
}

/** What {@link useFeedbackReply} returns. */
export interface FeedbackReplyResult {
  /** The reply this prompt shows now, or `null`. */
  reply: LoopReply | null;
  /** Every reply the visitor has not acknowledged yet (`useLoopReplies().replies`). */
  replies: readonly LoopReply[];
  /** Starts showing replies (with `onDemand`), when there are any. */
  show(): void;
  /** Closes the reply shown (it is not shown here again) and gives up this prompt's claims. */
  close(): void;
  /** "Got it": records the acknowledgement, and the reply goes away. */
  acknowledge(reply: LoopReply): void;
}

/**
 * The business's reply to an earlier answer ("close the loop") that one prompt shows. A page may mount several
 * prompts (inline, popover, tab) that all see the same unseen replies: the first to render a reply claims it,
 * so the visitor sees it once; a reply is marked seen once shown. Must be inside `<RapportProvider>`.
 */
export function useFeedbackReply(options: FeedbackReplyOptions = {}): FeedbackReplyResult {
  const { enabled = true, onDemand = false } = options;
  const client = useRapportClient();
  const loop = useLoopReplies();
  const owner = useId();
  const [closed, setClosed] = useState<readonly string[]>([]);
  const [shown, setShown] = useState(false);
  const reply =
    enabled && (!onDemand || shown)
      ? (loop.replies.find((r) => !closed.includes(r.responseId) && claimReply(client, r.responseId, owner)) ?? null)
      : null;
  useEffect(() => () => releaseReplies(client, owner), [client, owner]);

  const { markSeen } = loop;
  const replyId = reply?.responseId;
  useEffect(() => {
    if (replyId !== undefined) markSeen(replyId).catch(() => undefined);
  }, [replyId, markSeen]);

  return {
    reply,
    replies: loop.replies,
    show: () => setShown(loop.replies.length > 0),
    close: () => {
      if (reply) setClosed((ids) => [...ids, reply.responseId]);
      setShown(false);
      releaseReplies(client, owner);
    },
    acknowledge: (shownReply) => void loop.acknowledge(shownReply.responseId).catch(() => undefined),
  };
}
