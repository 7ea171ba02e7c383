import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link WebhookReceiver} got. */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  path: string;
}

/** What the receiver does with a request: answer with a status (and body, headers), or take it over. */
export type ReceiverHandler = (
  request: ReceivedWebhook,
  res: ServerResponse,
) => { status: number; body?: string; headers?: Record<string, string> } | 'handled';

/** A real HTTP server on 127.0.0.1 that records webhooks. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  received: ReceivedWebhook[];
  /** Replaces the handler (default: 204 to everything). */
  handle(handler: ReceiverHandler): void;
  /** Stops accepting connections and drops those open (down), or listens again on the same port (up). */
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Starts a {@link WebhookReceiver}. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let handler: ReceiverHandler = () => ({ status: 204 });
  const received: ReceivedWebhook[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedWebhook = {
        id: String(req.headers['webhook-id'] ?? ''),
        timestamp: String(req.headers['webhook-timestamp'] ?? ''),
        signature: String(req.headers['webhook-signature'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
        path: req.url ?? '/',
      };
      received.push(request);
      const answer = handler(request, res);
      if (answer === 'handled') return;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? '');
    });
  };
  let server = createServer(onRequest);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    handle(next) {
      handler = next;
    },
    async setDown(down) {
      if (down) await stop();
      else {
        server = createServer(onRequest);
        await listen(port);
      }
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
