import type { BootstrapResponse, LoopReply, VisitorSurvey } from '@rapport/core';

const NONE: readonly never[] = [];

/** The feedback slot of a bootstrap response, with stable empty lists while loading or when switched off. */
export function feedbackSlot(data: BootstrapResponse | undefined): {
  enabled: boolean;
  surveys: readonly VisitorSurvey[];
  replies: readonly LoopReply[];
} {
  const slot = data?.widgets.feedback ?? null;
  return { enabled: slot !== null, surveys: slot?.surveys ?? NONE, replies: slot?.replies ?? NONE };
}

/** The bootstrap response without the reply to `responseId` (a new object; `cache` is left alone). */
export function withoutReply(cache: BootstrapResponse, responseId: string): BootstrapResponse {
  const feedback = cache.widgets.feedback;
  if (!feedback?.replies.some((reply) => reply.responseId === responseId)) return cache;
  const replies = feedback.replies.filter((reply) => reply.responseId !== responseId);
  return { ...cache, widgets: { ...cache.widgets, feedback: { ...feedback, replies } } };
}
