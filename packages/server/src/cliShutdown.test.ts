import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestStore } from './testing/createTestStore.js';
import { exitCode, spawnCli, waitForOutput } from './testing/runCliProcess.js';

describe('rapport-server: operable from outside', () => {
  it('serves /healthz and /readyz, logs requests as JSON lines, and exits 0 on SIGTERM', async () => {
    const t = await createTestStore({ migrate: false });
    const root = mkdtempSync(join(tmpdir(), 'rapport-shutdown-'));
    try {
      const child = t.databaseUrl
        ? spawnCli(['--port', '0'], { DATABASE_URL: t.databaseUrl })
        : spawnCli(['--port', '0', '--data-dir', join(root, 'data')], { DATABASE_URL: '' });
      const ended = exitCode(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitForOutput(child, /(No sites yet|Sites):.*\n/);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(200);

      child.kill('SIGTERM');
      expect(await ended).toBe(0);
      const requests = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((record) => record.msg === 'request');
      expect(requests.map((record) => `${String(record.route)} ${String(record.status)}`)).toEqual(['/healthz 200', '/readyz 200', '/metrics 200']);
      expect(output).toMatch(/Received SIGTERM, shutting down/);
    } finally {
      rmSync(root, { recursive: true, force: true });
      await t.dispose();
    }
  }, 90_000);
});
