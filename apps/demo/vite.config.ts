import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { DEFAULT_DATA_DIR, DEMO_ROOT, LEGACY_DATA_DIR, REPO_ROOT, demoDataDir, globUnder } from './server/dataDir.ts';

// Vite's own `server.fs.deny` (setting the option replaces it, so it is repeated here).
const VITE_DENY = ['.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '.yarnrc.yml', '**/.git/**'];

export default defineConfig({
  root: DEMO_ROOT,
  plugins: [react()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: {
    fs: {
      // Only what the shop loads: its own folder, the workspace packages (their source) and the installed
      // dependencies. Vite's default is the whole workspace, where the demo's data folder is.
      allow: [DEMO_ROOT, resolve(REPO_ROOT, 'packages'), resolve(REPO_ROOT, 'node_modules')],
      // And, should the allow list ever widen: never the demo's data (keys.json holds the secret key and the
      // identity secret), wherever it is, nor a data folder an earlier version left inside this root.
      deny: [...VITE_DENY, globUnder(demoDataDir()), globUnder(DEFAULT_DATA_DIR), globUnder(LEGACY_DATA_DIR), '**/.data/**', 'keys.json'],
    },
  },
});
