import { defineConfig } from 'tsup';

// @rapport/core stays external (a dependency): one copy of RapportError, so `instanceof` holds across both.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  treeshake: true,
});
