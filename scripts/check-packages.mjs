#!/usr/bin/env node
// publint and @arethetypeswrong/cli on every published package (run after `pnpm build`).
import { spawnSync } from 'node:child_process';

const packages = ['core', 'node', 'react', 'widgets', 'server'];
let failed = false;
for (const name of packages) {
  const dir = `packages/${name}`;
  for (const [label, args] of [
    ['publint', ['exec', 'publint', '--strict', dir]],
    // node10 resolution predates `exports` subpaths; we support Node 16+ module resolution and bundlers.
    ['attw', ['exec', 'attw', '--pack', dir, '--profile', 'node16', '--format', 'table-flipped', '--exclude-entrypoints', 'styles.css']],
  ]) {
    console.log(`\n▶ ${label} @rapport/${name}`);
    const result = spawnSync('pnpm', args, { stdio: 'inherit' });
    if (result.status !== 0) failed = true;
  }
}
if (failed) {
  console.error('\nPackage checks failed.');
  process.exit(1);
}
