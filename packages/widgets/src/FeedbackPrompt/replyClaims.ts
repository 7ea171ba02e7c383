/**
 * Which prompt shows which loop reply, per client. A page may mount several prompts (inline, popover, tab)
 * that all see the same unseen replies in the same render; the first to render a reply claims it, so the
 * visitor sees it once. Keyed weakly by the client, so nothing outlives it.
 */
const claims = new WeakMap<object, Map<string, string>>();

/** Claims `responseId` for `owner`, unless another prompt holds it. True when `owner` may show it. */
export function claimReply(client: object, responseId: string, owner: string): boolean {
  let byReply = claims.get(client);
  if (!byReply) claims.set(client, (byReply = new Map()));
  const holder = byReply.get(responseId);
  if (holder !== undefined && holder !== owner) return false;
  byReply.set(responseId, owner);
  return true;
}

/** Gives up every claim of `owner` (when the prompt unmounts or closes). */
export function releaseReplies(client: object, owner: string): void {
  const byReply = claims.get(client);
  if (!byReply) return;
  for (const [responseId, holder] of byReply) if (holder === owner) byReply.delete(responseId);
}
