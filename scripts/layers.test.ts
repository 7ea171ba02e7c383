import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules in eslint.config.js are the project's architecture; this proves they bite.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The import lines (1-based) the layer rules refuse. */
async function restricted(filePath: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const lines = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
  return [...new Set(lines)];
}

describe('import-direction lint rules', () => {
  it('core imports no React, no upper layer, no server and no classic zod', async () => {
    const messages = await restricted(
      'packages/core/src/example.ts',
      "import 'react';\nimport '@rapport/react';\nimport '@rapport/server';\nimport 'zod';\nimport 'zod/mini';\n",
    );
    expect(messages).toEqual([1, 2, 3, 4]);
  });

  it('widgets never import TanStack Query or server code', async () => {
    const messages = await restricted(
      'packages/widgets/src/example.tsx',
      "import '@tanstack/react-query';\nimport '@rapport/server';\nimport '@rapport/react';\nimport '@rapport/core';\n",
    );
    expect(messages).toEqual([1, 2]);
  });

  it('react never imports widgets or server code', async () => {
    const messages = await restricted('packages/react/src/example.ts', "import '@rapport/widgets';\nimport '@rapport/server';\nimport 'react';\n");
    expect(messages).toEqual([1, 2]);
  });

  it('the server imports no React layer', async () => {
    const messages = await restricted('packages/server/src/example.ts', "import '@rapport/react';\nimport 'react';\nimport '@rapport/core';\n");
    expect(messages).toEqual([1, 2]);
  });

  it('node (the server-side SDK) imports only core: no other package, database, HTTP server, React or test helper', async () => {
    const code = [
      "import '@rapport/core';",
      "import '@rapport/core/schemas';",
      "import 'zod/mini';",
      "import '@rapport/server';",
      "import '@rapport/react';",
      "import 'hono';",
      "import 'pg';",
      "import '@electric-sql/pglite';",
      "import 'react';",
      "import '@rapport/testing';",
      "import '../../server/src/createApp.js';",
      "import 'zod';",
    ].join('\n');
    expect(await restricted('packages/node/src/example.ts', code)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await restricted('packages/node/src/example.test.ts', "import '@rapport/server';\nimport 'standardwebhooks';\n")).toEqual([1]);
  });

  it('browser packages never import the server-side SDK; the server may (it re-exports signVisitorToken)', async () => {
    expect(await restricted('packages/react/src/example.ts', "import '@rapport/node';\n")).toEqual([1]);
    expect(await restricted('packages/widgets/src/example.tsx', "import '@rapport/node';\n")).toEqual([1]);
    expect(await restricted('packages/core/src/example.ts', "import '@rapport/node';\n")).toEqual([1]);
    expect(await restricted('packages/server/src/example.ts', "import '@rapport/node';\n")).toEqual([]);
  });

  it('tests of browser packages may start the real server in-process', async () => {
    expect(await restricted('packages/react/src/example.test.tsx', "import '@rapport/server';\n")).toEqual([]);
  });

  it('the shared test helpers are for tests only', async () => {
    const code = "import '@rapport/testing';\nimport '../../../testing/createTestServer.js';\nimport '@testing-library/react';\n";
    expect(await restricted('packages/react/src/example.ts', code)).toEqual([1, 2]);
    expect(await restricted('packages/widgets/src/example.tsx', code)).toEqual([1, 2]);
    expect(await restricted('packages/core/src/example.test.ts', "import '@rapport/testing';\n")).toEqual([1]);
    expect(await restricted('packages/react/src/example.test.tsx', code)).toEqual([]);
    expect(await restricted('packages/widgets/src/example.test.tsx', code)).toEqual([]);
  });
});
