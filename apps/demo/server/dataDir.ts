// Where `npm run demo` keeps its PGlite data and its keys (keys.json: the site's secret key and identity secret).
// Never inside the Vite root (apps/demo): Vite's dev server serves the files under its root (`/.data/keys.json?import`
// answered the secret key), and its `server.fs.allow` would reach the whole workspace. vite.config.ts narrows the
// allow list to what the shop loads and denies these folders too; e2e/secrets.spec.ts asks for them over HTTP.
import { existsSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is apps/demo/server/dataDir.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The Vite root of the demo shop. */
export const DEMO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The default data folder: at the repository's root (git-ignored), outside what Vite may serve. */
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '.demo-data');

/** Where earlier versions kept the data: inside the Vite root. */
export const LEGACY_DATA_DIR = resolve(DEMO_ROOT, '.data');

/** The data folder in use: `DEMO_DATA_DIR` (tests give each run its own), otherwise {@link DEFAULT_DATA_DIR}. */
export function demoDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_DATA_DIR ? resolve(env.DEMO_DATA_DIR) : DEFAULT_DATA_DIR;
}

/**
 * Moves a data folder an earlier version left in the Vite root to the default place, so the customers, points and
 * keys of earlier runs are kept and the keys leave the served folder. Does nothing when `DEMO_DATA_DIR` is set.
 * When both folders exist, the new one is used and the old one stays, with a warning to delete it.
 */
export function moveLegacyDataDir(env: NodeJS.ProcessEnv = process.env, log: (message: string) => void = console.warn): void {
  if (env.DEMO_DATA_DIR || !existsSync(LEGACY_DATA_DIR)) return;
  if (existsSync(DEFAULT_DATA_DIR)) {
    log(`An old demo data folder is still at ${LEGACY_DATA_DIR} (keys included); ${DEFAULT_DATA_DIR} is used. Delete the old one.`);
    return;
  }
  renameSync(LEGACY_DATA_DIR, DEFAULT_DATA_DIR);
  log(`Moved the demo's data from ${LEGACY_DATA_DIR} to ${DEFAULT_DATA_DIR} (out of the folder Vite serves).`);
}

/** A picomatch pattern matching `dir` and everything in it (the path's glob characters escaped). */
export function globUnder(dir: string): string {
  return `${resolve(dir).replace(/\\/g, '/').replace(/[*?[\]{}()!+@]/g, '\\$&')}/**`;
}
