import { build } from 'esbuild';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  external: ['react', 'react-dom', '@rapport/react', '@rapport/core', '@tanstack/react-query'],
  // Widgets render and use hooks: keep the directive at the very top of every output file.
  banner: { js: '"use client";' },
  // One stylesheet: src/styles/index.css with its @imports inlined in order (every rule stays in @layer rapport).
  async onSuccess() {
    await build({
      entryPoints: ['src/styles/index.css'],
      outfile: 'dist/styles.css',
      bundle: true,
      minify: true,
      target: ['chrome111', 'firefox113', 'safari16.4'],
      logLevel: 'warning',
    });
  },
});
