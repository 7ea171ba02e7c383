import type { RapportClient, VisitorSurvey } from '@rapport/core';

/** Options of {@link runVisitor}. */
export interface RunVisitorOptions {
  /** The visitor's number, part of every answer's text. */
  index: number;
  /** The visitor's client (its own storage, hence its own outbox). */
  client: RapportClient;
  surveyId: string;
  /** How many answers to give. */
  answers: number;
  random: () => number;
  /** Epoch ms after which the visitor stops trying. */
  deadline: number;
  /** Called each time the server has acknowledged one of this visitor's answers. */
  onAcknowledged: () => void;
}

/** What one visitor did. */
export interface VisitorRun {
  /** Every answer the client stored: its client id and the text that names it (`v<index>#<n>`). */
  answers: Array<{ id: string; text: string }>;
  /** Answers the server refused for good (a 4xx): the outbox dropped them. */
  refused: string[];
  /** Answers still in the outbox when the deadline passed. */
  pending: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The text of answer `n` of visitor `index`: each answer is told apart by it in the database. */
export function answerText(index: number, n: number): string {
  return `chaos v${index}#${n}`;
}

async function bootstrapSurvey(options: RunVisitorOptions): Promise<VisitorSurvey> {
  for (let round = 0; ; round++) {
    try {
      const bootstrap = await options.client.visitor.bootstrap();
      const survey = bootstrap.widgets.feedback?.surveys.find((s) => s.id === options.surveyId);
      if (!survey) throw new Error(`Survey ${options.surveyId} is not in the bootstrap`);
      return survey;
    } catch (error) {
      if (Date.now() > options.deadline) throw new Error(`Visitor ${options.index} got no bootstrap in ${round + 1} rounds`, { cause: error });
      await sleep(100);
    }
  }
}

/**
 * One visitor: reads the bootstrap, answers the survey `answers` times with a short pause between answers (an
 * answer the server cannot take now stays in the outbox), then flushes the outbox until it is empty or the
 * deadline passes.
 */
export async function runVisitor(options: RunVisitorOptions): Promise<VisitorRun> {
  const { client, index } = options;
  const run: VisitorRun = { answers: [], refused: [], pending: 0 };
  const unsubscribe = client.feedback.subscribe((event) => {
    if (event.type === 'added') run.answers.push({ id: event.submission.id, text: event.submission.text ?? '' });
    else if (event.type === 'sent') options.onAcknowledged();
    else if (event.type === 'failed') run.refused.push(`${event.submission.text}: ${event.error.code} ${event.error.message}`);
  });
  try {
    const survey = await bootstrapSurvey(options);
    for (let n = 0; n < options.answers; n++) {
      await sleep(20 + options.random() * 100);
      // `queued` is fine: the outbox keeps it. A refusal was recorded by the `failed` event.
      await client.feedback.submit({ surveyId: survey.id, score: n % 11, text: answerText(index, n) }, { survey }).catch(() => undefined);
    }
    while (client.feedback.pending().length > 0 && Date.now() < options.deadline) {
      await client.feedback.flush();
      if (client.feedback.pending().length > 0) await sleep(100);
    }
    run.pending = client.feedback.pending().length;
    return run;
  } finally {
    unsubscribe();
  }
}
