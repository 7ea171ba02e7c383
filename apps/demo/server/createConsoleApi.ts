import { isRapportError } from '@rapport/node';
import { Hono } from 'hono';
import { consoleArity } from '../src/console/consoleOperations.js';
import type { DemoAdmin } from './createDemoAdmin.js';

type Status = 400 | 404 | 415 | 422 | 502;

const envelope = (status: number, error: { code: string; message: string; requestId?: string | undefined; issues?: unknown }) =>
  Response.json({ error: { ...error, requestId: error.requestId ?? `demo_${crypto.randomUUID()}` } }, { status });

const refuse = (status: Status, code: string, message: string) => envelope(status, { code, message });

/** The HTTP status of an SDK failure that carries none: its input refused before sending (422), or no answer (502). */
const statusOf = (code: string) => (code === 'validation' ? 422 : 502);

/**
 * The owner console's back end: `POST /{domain}/{method}` with the arguments as a JSON array calls that
 * `@rapport/node` method, if `CONSOLE_OPERATIONS` allows it, with the demo's secret key, and answers its
 * (validated) result with the Rapport API's status. Anything else is refused. Failures keep Rapport's error
 * envelope, so the console shows every one the same way, with its request id. (A real business puts its own staff
 * login in front of this.)
 */
export function createConsoleApi({ admin, withStatus }: DemoAdmin): Hono {
  const app = new Hono();
  app.post('/:domain/:method', async (c) => {
    const { domain, method } = c.req.param();
    const arity = consoleArity(domain, method);
    if (arity === null) return refuse(404, 'not_found', `The console has no operation ${domain}.${method}`);
    // JSON only: a cross-site form cannot send it without a preflight, which this server never grants.
    if (!c.req.header('content-type')?.startsWith('application/json')) return refuse(415, 'unsupported_media_type', 'Send JSON');
    const args: unknown = await c.req.json().catch(() => undefined);
    if (!Array.isArray(args) || args.length > arity) {
      return refuse(400, 'bad_request', `${domain}.${method} takes a JSON array of at most ${arity} arguments`);
    }
    const methods = admin[domain as keyof typeof admin] as unknown as Record<string, (...input: unknown[]) => Promise<unknown>>;
    try {
      const { result, status } = await withStatus(() => methods[method]!(...args));
      return Response.json(result ?? null, { status: status !== null && status >= 200 && status < 300 && status !== 204 ? status : 200 });
    } catch (error) {
      if (!isRapportError(error)) throw error;
      const { code, message, requestId, issues } = error;
      return envelope(error.status ?? statusOf(code), { code, message, requestId, issues });
    }
  });
  app.all('*', () => refuse(404, 'not_found', 'Console operations are POST /demo-api/console/{domain}/{method}'));
  return app;
}
