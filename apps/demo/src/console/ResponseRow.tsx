import type { FeedbackResponse, FeedbackResponseUpdate, ResponseStatus, Staff } from '@rapport/core';
import { useId, useState } from 'react';
import { callConsole } from './callConsole.js';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Whether the visitor has seen the reply (or resolution) yet: closing the loop is only done once they have. */
function seenBy(response: FeedbackResponse): string {
  if (response.replyAcknowledgedAt) return `The visitor read it (“Got it”) on ${when.format(new Date(response.replyAcknowledgedAt))}.`;
  if (response.replySeenAt) return `Shown to the visitor on ${when.format(new Date(response.replySeenAt))}.`;
  return 'Not seen by the visitor yet.';
}

/**
 * One response in the inbox, with a public reply box (sent as the business or as a staff member: a staff reply is
 * a first touch, so it can make them the contact's owner) and a status control.
 */
export function ResponseRow({
  response,
  question,
  staff,
  onSaved,
}: {
  response: FeedbackResponse;
  question: string;
  staff: Staff[];
  /** Refetches the inbox; resolves once it has the saved response. */
  onSaved(): Promise<unknown>;
}) {
  const [reply, setReply] = useState('');
  const [replyAs, setReplyAs] = useState('');
  // The status being saved; otherwise the server's (a reply resolves the response, so the select follows it).
  const [savingStatus, setSavingStatus] = useState<ResponseStatus | null>(null);
  const status = savingStatus ?? response.status;
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();
  const save = async (update: FeedbackResponseUpdate) => {
    try {
      await callConsole('feedback', 'updateResponse', response.id, update);
      setMessage(update.reply ? 'Reply sent: the visitor sees it on their next visit.' : 'Status saved.');
      setReply('');
      await onSaved();
    } catch (error) {
      setMessage(`Not saved: ${(error as Error).message}`);
    } finally {
      setSavingStatus(null);
    }
  };
  return (
    <li className="demo-response" data-band={response.band ?? 'none'}>
      <p className="demo-response__meta">
        <strong>{response.score === null ? 'Text answer' : `Score ${response.score}`}</strong> · {question} ·{' '}
        {response.externalId ?? 'anonymous visitor'} · {when.format(new Date(response.answeredAt))}
        {response.contactRequested && <span className="demo-tag">Asked to be contacted</span>}
      </p>
      {response.text && <blockquote>{response.text}</blockquote>}
      {response.reply && (
        <p>
          Your reply{response.repliedBy && ` (as ${staff.find((s) => s.id === response.repliedBy)?.displayName ?? response.repliedBy})`}: {response.reply}
        </p>
      )}
      {(response.reply || response.status === 'resolved') && <p className="demo-hint">{seenBy(response)}</p>}
      <form
        className="demo-response__actions"
        onSubmit={(event) => {
          event.preventDefault();
          if (reply.trim()) void save({ reply: reply.trim(), status: 'resolved', ...(replyAs ? { staffId: replyAs } : {}) });
        }}
      >
        <label htmlFor={`${id}-reply`}>Public reply</label>
        <input id={`${id}-reply`} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={1000} />
        <label htmlFor={`${id}-as`}>Reply as</label>
        <select id={`${id}-as`} value={replyAs} onChange={(e) => setReplyAs(e.target.value)}>
          <option value="">The business</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </select>
        <button type="submit" className="demo-button">
          Reply and resolve
        </button>
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => {
            const next = e.target.value as ResponseStatus;
            setSavingStatus(next);
            void save({ status: next });
          }}
        >
          <option value="new">New</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="resolved">Resolved</option>
        </select>
      </form>
      {message && <p role="status">{message}</p>}
    </li>
  );
}
