import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: true,
  target: 'es2022',
  external: ['react', '@tanstack/react-query', '@rapport/core'],
};

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts'],
    clean: ['index.*', 'chunk-*'],
    // The provider and hooks only run on the client: the directive must be the first line of every file.
    banner: { js: '"use client";' },
  },
  {
    ...shared,
    entry: ['src/query.ts'],
    clean: ['query.*'],
    // No directive here: query options are plain functions a server component may call to prefetch.
  },
]);
