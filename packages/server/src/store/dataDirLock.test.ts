import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../testing/runCliProcess.js';
import { createPGliteStore } from './createPGliteStore.js';
import { DATA_DIR_LOCK_FILE, DataDirInUseError, lockDataDir } from './dataDirLock.js';

const IN_USE = /^The data directory .+ is in use by process \d+.*; PGlite is single-process: use PostgreSQL \(DATABASE_URL\) to run several instances/;

/** The pid of a process that has exited (so, for a while, of no process). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-lock-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('refuses a held lock, takes over a stale one, and is free again once released', () => {
    const dataDir = join(dir, 'plain');
    mkdirSync(dataDir);
    const lock = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    lock.release();
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);

    writeFileSync(join(dataDir, DATA_DIR_LOCK_FILE), `${deadPid()}\n`);
    const takenOver = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    takenOver.release();

    // This pid, written by an earlier process that had it (a container restarted after SIGKILL often gets the same pid).
    writeFileSync(join(dataDir, DATA_DIR_LOCK_FILE), `${process.pid}\n`);
    lockDataDir(dataDir).release();
  });

  it('refuses a lock held by another running process', () => {
    const dataDir = join(dir, 'other');
    mkdirSync(dataDir);
    // PID 1 runs as long as the machine does.
    writeFileSync(join(dataDir, DATA_DIR_LOCK_FILE), '1\n');
    expect(() => lockDataDir(dataDir)).toThrow(/in use by process 1;/);
  });
});

describe('createPGliteStore on a data directory in use', () => {
  it('rejects a second store with a clear error; the first keeps serving; the directory opens again after close', async () => {
    const dataDir = join(dir, 'store');
    const first = await createPGliteStore({ dataDir, template: false });
    await first.query('CREATE TABLE notes (body text NOT NULL)');
    await first.query("INSERT INTO notes VALUES ('kept')");

    const second = createPGliteStore({ dataDir, template: false });
    await expect(second).rejects.toThrow(DataDirInUseError);
    await expect(second).rejects.toThrow(IN_USE);

    await first.query("INSERT INTO notes VALUES ('still serving')");
    expect((await first.query('SELECT body FROM notes ORDER BY body')).rows).toEqual([{ body: 'kept' }, { body: 'still serving' }]);
    await first.close();

    const again = await createPGliteStore({ dataDir });
    try {
      expect((await again.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: 2 }]);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('refuses a second server process (exit code non-zero, the message), and after SIGKILL the next start takes the stale lock over', async () => {
    const dataDir = join(dir, 'server');
    const env = { XDG_CACHE_HOME: join(dir, 'cache') };
    const server = spawnCli(['serve', '--data-dir', dataDir, '--port', '0'], env);
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout?.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      server.once('exit', (code) => reject(new Error(`the first server exited (${code}):\n${out}`)));
    });
    try {
      const second = spawnCli(['serve', '--data-dir', dataDir, '--port', '0'], env);
      let stderr = '';
      second.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => second.once('close', resolve));
      expect(code).not.toBe(0);
      expect(stderr).toContain(`is in use by process ${server.pid}`);
      expect(stderr).toContain('PGlite is single-process: use PostgreSQL (DATABASE_URL) to run several instances');

      const response = await fetch(`${url}/v1/openapi.json`);
      expect(response.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    }
    expect(readFileSync(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8').trim()).toBe(String(server.pid));

    const store = await createPGliteStore({ dataDir });
    try {
      const { rows } = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM rapport_migrations');
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
  }, 150_000);
});
