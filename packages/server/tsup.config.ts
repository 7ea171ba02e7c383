import { defineConfig } from 'tsup';

// One build for every entry so they share chunks; src/cli.ts starts with `#!/usr/bin/env node`, which
// esbuild keeps at the top of dist/cli.js and dist/cli.cjs.
export default defineConfig({
  entry: { index: 'src/index.ts', demo: 'src/demo.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  treeshake: true,
});
