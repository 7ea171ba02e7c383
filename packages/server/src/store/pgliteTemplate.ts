import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Migration } from './migrations/Migration.js';

/** Bumped when what a template holds changes in a way its key would not show. */
const TEMPLATE_FORMAT = 1;
const PREFIX = 'pglite-template-';
/** A template this old that is not the current one is deleted (no start is still copying it by then). */
const STALE_TEMPLATE_MS = 60 * 60 * 1000;

/** Where templates are kept unless told otherwise: `$XDG_CACHE_HOME/rapport`, else `~/.cache/rapport`. */
export function defaultTemplateCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rapport');
}

/** The installed PGlite's version (a template made by another PGlite may not open with this one). */
function pgliteVersion(): string {
  try {
    // import.meta.resolve in the ESM build and from source; the CommonJS build has only require.
    const entry =
      typeof import.meta.resolve === 'function' ? fileURLToPath(import.meta.resolve('@electric-sql/pglite')) : require.resolve('@electric-sql/pglite');
    const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown };
    return String(pkg.version);
  } catch {
    return 'unknown';
  }
}

/** Names what a template holds: the PGlite that made it and every migration applied to it. */
export function templateKey(migrations: readonly Migration[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: TEMPLATE_FORMAT, pglite: pgliteVersion(), migrations }));
  return hash.digest('hex').slice(0, 16);
}

/** True when `dir` holds a PostgreSQL cluster (PGlite's own test for an existing database). */
export function hasCluster(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

function deleteOldTemplates(cacheDir: string, keep: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith(PREFIX) || name === keep) continue;
    const path = join(cacheDir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_TEMPLATE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/**
 * The template directory for `key` in `cacheDir`, made with `build` (which creates a closed, migrated cluster in
 * the directory it is given) when missing. Concurrent starts each build their own and the first rename wins.
 */
export async function ensureTemplate(cacheDir: string, key: string, build: (dir: string) => Promise<void>): Promise<string> {
  const name = `${PREFIX}${key}`;
  const path = join(cacheDir, name);
  if (hasCluster(path)) return path;
  mkdirSync(cacheDir, { recursive: true });
  const staging = join(cacheDir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    await build(staging);
    try {
      renameSync(staging, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !hasCluster(path)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  deleteOldTemplates(cacheDir, name);
  return path;
}

/**
 * Copies a template into `dataDir` (which may already hold a lock file). `PG_VERSION` goes last, so a copy cut
 * short does not look like a database: the next start copies again over it.
 */
export function copyTemplate(template: string, dataDir: string): void {
  cpSync(template, dataDir, { recursive: true, force: true, filter: (source) => source !== join(template, 'PG_VERSION') });
  copyFileSync(join(template, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
}
