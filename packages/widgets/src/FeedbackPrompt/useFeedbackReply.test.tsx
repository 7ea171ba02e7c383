import type { FeedbackResponse, Survey } from '@rapport/core';
import { signVisitorToken } from '@rapport/server';
import { createTestServer, renderWithRapport, startInProcessServer, type StartedServer, type TestServer } from '@rapport/testing';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFeedbackReply, type FeedbackReplyOptions } from './useFeedbackReply.js';

// Each case waits for the bootstrap of a visitor of its own: generous waits keep them steady under load.
configure({ asyncUtilTimeout: 5_000 });

let inProcess: StartedServer;
let server: TestServer;
beforeAll(async () => {
  inProcess = await startInProcessServer();
  server = createTestServer(inProcess);
}, 60_000);
afterAll(() => server.close());

const admin = <T,>(path: string, init?: { method?: string; body?: unknown }) => inProcess.admin<T>(path, init);
const responseOf = async (surveyId: string) =>
  (await admin<{ items: FeedbackResponse[] }>(`/feedback/responses?surveyId=${surveyId}`)).items[0]!;

let visitors = 0;
/** A visitor of their own who answered a survey, and the business's reply to it; their client. */
async function visitorWithReply() {
  const survey = await admin<Survey>('/surveys', {
    method: 'POST',
    body: {
      name: 'Reply hook test',
      question: `Was it good (${++visitors})?`,
      status: 'active',
      placement: 'inline',
      triggers: [{ type: 'pageview' }],
      followUps: {},
      thankYou: 'Thanks!',
      kind: 'nps',
    },
  });
  const token = await signVisitorToken({ secret: server.identitySecret, externalId: `reply-hook-${Date.now()}-${visitors}` });
  const client = () => server.createClient({ getVisitorToken: () => token });
  const answering = client();
  const { surveys } = (await answering.visitor.bootstrap()).widgets.feedback!;
  await answering.feedback.submit(
    { surveyId: survey.id, score: 9, text: `Answer ${visitors}` },
    { survey: surveys.find((s) => s.id === survey.id)! },
  );
  const { id } = await responseOf(survey.id);
  await admin(`/feedback/responses/${id}`, { method: 'PATCH', body: { reply: `Reply ${visitors}` } });
  return { client, surveyId: survey.id };
}

/** One prompt's reply slot, its actions as buttons. */
function Prompt({ name, ...options }: FeedbackReplyOptions & { name: string }): ReactNode {
  const { reply, replies, show, close, acknowledge } = useFeedbackReply(options);
  return (
    <section aria-label={name}>
      <p>{reply ? `${name} shows: ${reply.message ?? ''}` : `${name} shows nothing (${replies.length} waiting)`}</p>
      <button type="button" onClick={show}>
        Open {name}
      </button>
      <button type="button" onClick={close}>
        Close {name}
      </button>
      {reply && (
        <button type="button" onClick={() => acknowledge(reply)}>
          Got it ({name})
        </button>
      )}
    </section>
  );
}

describe('useFeedbackReply against the real server', () => {
  it('shows a reply in one prompt of the page only, and marks it seen', async () => {
    const { client, surveyId } = await visitorWithReply();
    renderWithRapport(
      client(),
      <>
        <Prompt name="First" />
        <Prompt name="Second" />
      </>,
    );
    expect(await screen.findByText(/^(First|Second) shows: Reply \d+$/)).toBeInTheDocument();
    expect(screen.getAllByText(/ shows: /)).toHaveLength(1);
    await waitFor(async () => expect((await responseOf(surveyId)).replySeenAt).not.toBeNull());
  });

  it('on demand: nothing until show(); close() hides it from that prompt', async () => {
    const user = userEvent.setup();
    const { client } = await visitorWithReply();
    renderWithRapport(client(), <Prompt name="Tab" onDemand />);
    expect(await screen.findByText('Tab shows nothing (1 waiting)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open Tab' }));
    expect(screen.getByText(/^Tab shows: Reply \d+$/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close Tab' }));
    expect(screen.getByText(/^Tab shows nothing/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open Tab' }));
    expect(screen.getByText(/^Tab shows nothing/)).toBeInTheDocument();
  });

  it('acknowledge() records "Got it", and the reply goes away', async () => {
    const user = userEvent.setup();
    const { client, surveyId } = await visitorWithReply();
    renderWithRapport(client(), <Prompt name="Inline" />);
    await user.click(await screen.findByRole('button', { name: 'Got it (Inline)' }));
    await waitFor(() => expect(screen.getByText('Inline shows nothing (0 waiting)')).toBeInTheDocument());
    await waitFor(async () => expect((await responseOf(surveyId)).replyAcknowledgedAt).not.toBeNull());
  });

  it('shows nothing while not enabled', async () => {
    const { client } = await visitorWithReply();
    renderWithRapport(client(), <Prompt name="Off" enabled={false} />);
    expect(await screen.findByText('Off shows nothing (1 waiting)')).toBeInTheDocument();
  });
});
