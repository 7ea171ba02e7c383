import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_HOOK_TIMEOUT_MS, createTestStore, type TestStore } from './testing/createTestStore.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, 'cli.ts');

function runCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    cwd: join(here, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitFor(child: ChildProcess, pattern: RegExp, timeoutMs = 45_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${pattern}; output:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!pattern.test(output)) reject(new Error(`Exited with ${code} before ${pattern}; output:\n${output}`));
    });
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('rapport-server CLI', () => {
  let t: TestStore;
  let root: string;
  beforeAll(async () => {
    t = await createTestStore({ migrate: false });
    root = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  }, STORE_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await t?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts, prints the keys, serves bootstrap and stops cleanly on SIGTERM', async () => {
    // On the Postgres project DATABASE_URL points at this test's own schema; on PGlite it is unset.
    const env: Record<string, string> = { DATABASE_URL: t.databaseUrl ?? '' };
    const child = runCli(['--port', '0', '--data-dir', join(root, 'data'), '--allowed-origin', 'https://demo.example.com'], env);
    const ended = exitCode(child);
    const output = await waitFor(child, /Allowed origins:.*\n/);
    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
    const publishableKey = /Publishable key:\s+(pk_live_\S+)/.exec(output)?.[1];
    expect(output).toMatch(/Secret key:\s+sk_live_\S+/);
    expect(output).toContain(t.databaseUrl ? '(postgres)' : '(pglite');
    const response = await fetch(`${url}/v1/visitor/bootstrap`, {
      headers: { 'x-rapport-key': publishableKey ?? '', origin: 'https://demo.example.com' },
    });
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    expect(await ended).toBe(0);
  }, 60_000);

  it('prints help, and refuses bad flags with exit code 2', async () => {
    const help = runCli(['--help'], {});
    const helpEnded = exitCode(help);
    expect(await waitFor(help, /Usage: rapport-server/)).toContain('--data-dir');
    expect(await helpEnded).toBe(0);
    const bad = runCli(['--port', 'eighty'], {});
    const badEnded = exitCode(bad);
    expect(await waitFor(bad, /--port must be/)).toContain('Usage');
    expect(await badEnded).toBe(2);
  }, 60_000);
});
