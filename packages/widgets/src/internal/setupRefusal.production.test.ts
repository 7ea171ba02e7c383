// @vitest-environment node
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** The widgets as a page bundles them (React external), for `mode`. */
async function bundle(mode: 'production' | 'development'): Promise<string> {
  const result = await build({
    stdin: {
      contents: "export { VisitorStatus, FeedbackPrompt, PreferenceCenter, LoyaltyCard, ContactOwnerBadge } from './src/index.ts';",
      resolveDir: packageDir,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    conditions: ['source'],
    external: ['react', 'react-dom', 'react/jsx-runtime', '@rapport/core', '@rapport/react'],
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    logLevel: 'error',
  });
  return result.outputFiles.map((file) => file.text).join('\n');
}

describe('the setup-refusal console line', () => {
  it('is in development builds and dropped from production builds, where the visible sentence stays', async () => {
    const [development, production] = await Promise.all([bundle('development'), bundle('production')]);
    expect(development).toContain('refused this page');
    expect(production).not.toContain('refused this page');
    expect(production).toContain('set up for this site yet.');
  });
});
