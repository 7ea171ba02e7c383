import type { FeedbackResponse, ResponseStatus } from '@rapport/core';
import { useId, useState } from 'react';
import { consoleApi } from './consoleApi.js';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** One response in the inbox, with a public reply box and a status control. */
export function ResponseRow({ response, question, onSaved }: { response: FeedbackResponse; question: string; onSaved(): void }) {
  const [reply, setReply] = useState('');
  const [status, setStatus] = useState<ResponseStatus>(response.status);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();
  const save = async (update: { reply?: string; status?: ResponseStatus }) => {
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
      {response.reply && <p>Your reply: {response.reply}</p>}
      <form
        className="demo-response__actions"
        onSubmit={(event) => {
          event.preventDefault();
          if (reply.trim()) void save({ reply: reply.trim(), status: 'resolved' });
        }}
      >
        <label htmlFor={`${id}-reply`}>Public reply</label>
        <input id={`${id}-reply`} value={reply} onChange={(e) => setReply(e.target.value)} maxLength={1000} />
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
