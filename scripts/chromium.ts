import { existsSync } from 'node:fs';

/** Flags for Debian Chromium on these machines: no sandbox as root, and no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Path of the Chromium binary: `CHROMIUM_PATH`, else Debian's. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
  return path;
}
