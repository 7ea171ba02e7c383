import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The demo site's keys, as a business would keep them in its server's secrets store. */
export interface DemoKeys {
  publishableKey: string;
  secretKey: string;
  identitySecret: string;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

/**
 * Reads the demo's keys from `file`, creating them on the first run. The secret key is stored hashed by the
 * Rapport server and can't be read back, so the demo (playing the business's server) keeps its own copy.
 */
export function loadDemoKeys(file: string): DemoKeys {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoKeys;
  const keys: DemoKeys = {
    publishableKey: `pk_live_${random(24)}`,
    secretKey: `sk_live_${random(32)}`,
    identitySecret: random(48),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
