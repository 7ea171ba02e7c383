import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Closes a Node HTTP server gracefully (see {@link createGracefulCloser}). */
export interface GracefulCloser {
  /**
   * Stops accepting connections, lets the requests in flight finish, closes each connection once it is idle,
   * and after `timeoutMs` destroys the connections still open. Resolves with `timedOut: true` when it had to.
   */
  close(timeoutMs: number): Promise<{ timedOut: boolean }>;
}

/**
 * Watches `server`'s requests from now on so that it can later be closed gracefully: `server.close()` alone
 * refuses new connections but waits for every keep-alive connection to time out, and leaves a client free to
 * send more requests on one it holds. Once closing, each response (in flight or new) carries
 * `Connection: close`, idle connections are closed as soon as they are idle, and a deadline bounds the wait.
 */
export function createGracefulCloser(server: Server): GracefulCloser {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  const finishOnClose = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.on('request', (_request: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    if (closing) finishOnClose(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (closing) server.closeIdleConnections();
    });
  });
  let closed: Promise<{ timedOut: boolean }> | undefined;
  return {
    close: (timeoutMs) =>
      (closed ??= new Promise((resolve, reject) => {
        closing = true;
        let timedOut = false;
        const deadline = setTimeout(() => {
          timedOut = true;
          server.closeAllConnections();
        }, timeoutMs);
        deadline.unref();
        server.close((error) => {
          clearTimeout(deadline);
          if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
          else resolve({ timedOut });
        });
        for (const res of inFlight) finishOnClose(res);
        server.closeIdleConnections();
      })),
  };
}
