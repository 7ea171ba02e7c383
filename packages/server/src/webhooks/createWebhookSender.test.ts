import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookSender } from './createWebhookSender.js';

let server: Server;
let base: string;
let port: number;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/ok') return res.writeHead(200).end('thanks');
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (req.url === '/endless') {
      res.writeHead(200);
      res.write('still going');
      return; // never ends
    }
    if (req.url === '/silent') return; // never answers
    if (req.url === '/redirect') return res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
    if (req.url === '/slow-down') return res.writeHead(429, { 'retry-after': '120' }).end('later');
    res.writeHead(404).end();
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const request = (url: string) => ({ url, headers: { 'webhook-id': 'msg_1' }, body: '{}' });

describe('createWebhookSender', () => {
  it('refuses loopback and a name resolving to it at send time, without the development allowance', async () => {
    const sender = createWebhookSender({ timeoutMs: 2_000 });
    try {
      for (const url of [`https://127.0.0.1:${port}/ok`, `https://[::1]:${port}/ok`, `https://10.0.0.1/ok`, `https://169.254.169.254/latest`]) {
        const response = await sender.send(request(url));
        expect(response, url).toMatchObject({ statusCode: null, error: expect.stringMatching(/^blocked address/) });
      }
      // A public-looking name that resolves to loopback at send time (DNS rebinding): refused by the lookup.
      const rebinding = createWebhookSender({ timeoutMs: 2_000, resolveHost: async () => ['127.0.0.1'] });
      const response = await rebinding.send(request(`https://hooks.example.com:${port}/ok`));
      expect(response.error).toBe('blocked address: hooks.example.com resolves to 127.0.0.1, a loopback, private, link-local or shared (CGNAT) address');
      rebinding.close();
      // `localhost` through the system resolver.
      const viaDns = await createWebhookSender({ timeoutMs: 2_000 }).send(request(`http://localhost:${port}/ok`));
      expect(viaDns.statusCode).toBeNull();
    } finally {
      sender.close();
    }
  });

  it('with the allowance, sends; reads a 10 MB or endless answer only up to its limits, within the timeout', async () => {
    const sender = createWebhookSender({ allowPrivateNetworks: true, timeoutMs: 1_500, connectTimeoutMs: 500 });
    try {
      expect(await sender.send(request(`${base}/ok`))).toEqual({ statusCode: 200, excerpt: 'thanks', retryAfter: null, error: null });
      const resolvedByName = await sender.send(request(`http://localhost:${port}/ok`));
      expect(resolvedByName.statusCode).toBe(200);
      for (const [path, error] of [
        ['/huge', 'response over 65536 bytes'],
        ['/endless', 'timeout reading the response'],
        ['/silent', 'timeout'],
      ] as const) {
        const started = performance.now();
        const response = await sender.send(request(`${base}${path}`));
        const ms = Math.round(performance.now() - started);
        console.log(`sender: ${path} → ${response.statusCode ?? 'no status'} "${response.error}" after ${ms} ms (excerpt ${response.excerpt.length} chars)`);
        expect(response.error).toBe(error);
        expect(response.excerpt.length).toBeLessThanOrEqual(1_000);
        expect(ms).toBeLessThan(2_500);
      }
      expect(await sender.send(request(`${base}/redirect`))).toMatchObject({ statusCode: 302, error: null });
      expect(await sender.send(request(`${base}/slow-down`))).toMatchObject({ statusCode: 429, retryAfter: '120', excerpt: 'later' });
      const refused = await sender.send(request('http://127.0.0.1:1/nothing-listens'));
      expect(refused).toMatchObject({ statusCode: null, error: 'connection refused' });
    } finally {
      sender.close();
    }
  });

  it('abandons an attempt when aborted (shutdown)', async () => {
    const sender = createWebhookSender({ allowPrivateNetworks: true, timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const response = await sender.send({ ...request(`${base}/silent`), signal: controller.signal });
    expect(response.error).toBe('aborted');
    sender.close();
  });
});
