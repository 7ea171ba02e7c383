import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Name of the lock file a PGlite store keeps in its data directory while open. PostgreSQL's own `postmaster.pid`
 * cannot serve: PGlite writes a fixed pid (-42) into it, and a second PGlite opens the directory regardless.
 */
export const DATA_DIR_LOCK_FILE = 'rapport-server.lock';

/** Thrown when a PGlite data directory is open in another process (or another store of this one). */
export class DataDirInUseError extends Error {
  readonly code = 'data_dir_in_use';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${pid}${pid === process.pid ? ' (this process)' : ''}; ` +
        'PGlite is single-process: use PostgreSQL (DATABASE_URL) to run several instances. ' +
        `If no such process runs, delete ${join(dataDir, DATA_DIR_LOCK_FILE)}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/** Lock files this process holds, by path: a lock naming this pid that is not here is left from an earlier run. */
const held = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** True when the lock naming `pid` protects nothing any more: its process is gone, or it is this process from a former life. */
function isStale(path: string, pid: number | undefined): boolean {
  if (pid === undefined) return true;
  if (pid === process.pid) return !held.has(path);
  return !isRunning(pid);
}

/** Creates `path` holding this pid, atomically and only if it does not exist (a hard link of a complete file). */
function tryCreate(path: string): boolean {
  const candidate = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(candidate, `${process.pid}\n`);
  try {
    linkSync(candidate, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(candidate, { force: true });
  }
}

/**
 * Moves a stale lock aside (rename is atomic, so of two processes taking it over only one moves it), checks that
 * what it moved is still stale, and deletes it; a lock another process took meanwhile is put back.
 */
function removeStale(path: string): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!isStale(path, readPid(aside))) {
    try {
      linkSync(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  rmSync(aside, { force: true });
}

/** A held data-directory lock. */
export interface DataDirLock {
  /** Deletes the lock file (once). */
  release(): void;
}

/**
 * Takes the lock of a PGlite data directory (which must exist): a file naming this process, created atomically.
 * A lock whose process is gone — killed with SIGKILL, say — is taken over; one whose process runs makes this throw
 * {@link DataDirInUseError}.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, DATA_DIR_LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path)) {
      held.add(path);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          held.delete(path);
          if (readPid(path) === process.pid) unlinkSync(path);
        },
      };
    }
    const pid = readPid(path);
    if (!isStale(path, pid)) throw new DataDirInUseError(dataDir, pid!);
    removeStale(path);
  }
  throw new DataDirInUseError(dataDir, readPid(path) ?? 0);
}
