import type { FeedbackResponse, FeedbackResponseUpdate, ResponseStatus, Staff } from '@rapport/core';
import { useId, useState } from 'react';
import { consoleApi } from './consoleApi.js';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

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
  onSaved(): void;
}) {
  const [reply, setReply] = useState('');
  const [replyAs, setReplyAs] = useState('');
  const [status, setStatus] = useState<ResponseStatus>(response.status);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();
  const save = async (update: FeedbackResponseUpdate) => {
    try {
      await consoleApi.updateResponse(response.id, update);
      setMessage(update.reply ? 'Reply sent: the visitor sees it on their next visit.' : 'Status saved.');
      setReply('');
      onSaved();
    } catch (error) {
      setMessage(`Not saved: ${(error as Error).message}`);
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
            setStatus(next);
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
