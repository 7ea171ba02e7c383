import { createMemoryStorage, type KeyValueStorage } from '@rapport/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFeedbackTestServer,
  deferred,
  type FeedbackTestServer,
  rapportWrapper,
  startInProcessServer,
  type TestClientOptions as FeedbackTestClientOptions,
} from '@rapport/testing';
import { useFeedback } from './useFeedback.js';
import { useLoopReplies } from './useLoopReplies.js';

let server: FeedbackTestServer;
beforeAll(async () => {
  server = createFeedbackTestServer(await startInProcessServer());
});
afterAll(() => server.close());

/** A visitor (one browser storage) who answered a survey, and the business's reply to it. */
async function answeredAndReplied(storage: KeyValueStorage) {
  const survey = await server.createSurvey({ kind: 'nps', question: 'How was checkout?' });
  const client = server.client({ storage });
  const boot = await client.visitor.bootstrap();
  const visitorSurvey = boot.widgets.feedback?.surveys.find((s) => s.id === survey.id);
  if (!visitorSurvey) throw new Error('survey missing from the bootstrap');
  const result = await client.feedback.submit({ surveyId: survey.id, score: 2, text: 'Checkout was slow' }, { survey: visitorSurvey });
  client.destroy();
  await server.reply(result.submission.id, 'We fixed it on 3 May');
  return { surveyId: survey.id, responseId: result.submission.id };
}

function renderReplies(storage: KeyValueStorage, options: FeedbackTestClientOptions = {}) {
  const client = server.client({ storage, ...options });
  const view = renderHook(() => ({ loop: useLoopReplies(), feedback: useFeedback() }), { wrapper: rapportWrapper(client) });
  return { client, ...view };
}

const seenRequests = (responseId: string) =>
  server.requests.filter((r) => r.path === `/v1/visitor/feedback/replies/${responseId}/seen`);

describe('useLoopReplies', () => {
  it('shows a reply once: kept on screen after it is seen, gone elsewhere and next time, acknowledged', async () => {
    const storage = createMemoryStorage();
    const { responseId, surveyId } = await answeredAndReplied(storage);
    const { result } = renderReplies(storage);
    await waitFor(() => expect(result.current.loop.replies).toHaveLength(1));
    expect(result.current.loop.replies[0]).toMatchObject({
      responseId,
      surveyId,
      question: 'How was checkout?',
      score: 2,
      text: 'Checkout was slow',
      message: 'We fixed it on 3 May',
      status: 'resolved',
    });

    await act(() => result.current.loop.markSeen(responseId));
    await act(() => result.current.loop.markSeen(responseId)); // a re-render marking it again sends nothing
    expect(seenRequests(responseId).map((r) => [r.body?.acknowledged, r.status])).toEqual([[false, 200]]);
    expect(result.current.loop.replies.map((r) => r.responseId)).toEqual([responseId]);
    expect(result.current.feedback.replies).toEqual([]);
    expect(result.current.loop.error).toBeNull();

    const nextPage = await server.client({ storage }).visitor.bootstrap();
    expect(nextPage.widgets.feedback?.replies).toEqual([]);

    await act(() => result.current.loop.acknowledge(responseId));
    expect(result.current.loop.replies).toEqual([]);
    const [stored] = await server.responses(surveyId);
    expect(stored?.replySeenAt).not.toBeNull();
    expect(stored?.replyAcknowledgedAt).not.toBeNull();
  });

  it('removes an acknowledged reply at once and brings it back when the server cannot be reached', async () => {
    const storage = createMemoryStorage();
    const { responseId } = await answeredAndReplied(storage);
    const network = { online: true };
    const hold = deferred();
    const { result } = renderReplies(storage, {
      network,
      beforeRequest: (request) => (request.path.endsWith('/seen') ? hold.promise : undefined),
    });
    await waitFor(() => expect(result.current.loop.replies).toHaveLength(1));

    network.online = false;
    let done!: Promise<void>;
    act(() => {
      done = result.current.loop.acknowledge(responseId);
    });
    await waitFor(() => expect(result.current.loop.replies).toEqual([]));
    expect(result.current.feedback.replies).toEqual([]);
    hold.resolve();
    await act(() => done);
    expect(result.current.loop.replies.map((r) => r.responseId)).toEqual([responseId]);
    expect(result.current.feedback.replies.map((r) => r.responseId)).toEqual([responseId]);
    expect(result.current.loop.error?.code).toBe('network');

    network.online = true;
    await act(() => result.current.loop.acknowledge(responseId));
    expect(result.current.loop.replies).toEqual([]);
    expect(result.current.loop.error).toBeNull();
  });

  it('keeps a reply marked seen on screen when recording that fails, and can mark it again', async () => {
    const storage = createMemoryStorage();
    const { responseId } = await answeredAndReplied(storage);
    const network = { online: true };
    const { result } = renderReplies(storage, { network });
    await waitFor(() => expect(result.current.loop.replies).toHaveLength(1));
    network.online = false;
    await act(() => result.current.loop.markSeen(responseId));
    expect(result.current.loop.replies.map((r) => r.responseId)).toEqual([responseId]);
    expect(result.current.feedback.replies).toHaveLength(1);
    expect(result.current.loop.error?.code).toBe('network');
    network.online = true;
    await act(() => result.current.loop.markSeen(responseId));
    expect(result.current.feedback.replies).toEqual([]);
    expect(seenRequests(responseId).map((r) => r.status)).toEqual([undefined, 200]);
  });
});
