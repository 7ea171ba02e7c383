import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildImportGraph, importSpecifiers, listSources } from './buildImportGraph.js';
import { findCycles } from './findCycles.js';

// No module cycles, type-only imports included (ARCHITECTURE.md, Direction of dependencies). A cycle of values
// works until someone moves a use out of a function body; a cycle of types ties together modules that should be
// apart. Break one with a leaf module for what both sides share.
const root = new URL('..', import.meta.url).pathname;
const packages = readdirSync(join(root, 'packages')).sort();
const roots = [...packages.map((name) => `packages/${name}/src`), 'testing'].filter((dir) => existsSync(join(root, dir)));

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const graph = buildImportGraph(roots.flatMap((dir) => listSources(join(root, dir))), { compilerOptions: config?.options });
const cycles = findCycles(graph).map((cycle) => cycle.map((file) => relative(root, file)));
const show = (cycle: string[]) => [...cycle, cycle[0]].join(' → ');
/** Where a file lives: its package's source folder, or the top-level testing module. */
const home = (file: string) => roots.find((dir) => file.startsWith(`${dir}/`));

describe('no module cycles', () => {
  it('reads the whole repository', () => {
    expect(config?.options.customConditions).toContain('source');
    expect(graph.size).toBeGreaterThan(300);
  });

  it.each(roots)('%s has none', (dir) => {
    expect(cycles.filter((cycle) => cycle.every((file) => home(file) === dir)).map(show)).toEqual([]);
  });

  it('none across packages', () => {
    expect(cycles.filter((cycle) => new Set(cycle.map(home)).size > 1).map(show)).toEqual([]);
  });
});

describe('the cycle check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-cycles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a cycle of type-only imports and re-exports between files', () => {
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = { b: B };\n");
    writeFileSync(join(dir, 'b.ts'), "export type { A } from './a.js';\nexport type B = string;\n");
    writeFileSync(join(dir, 'c.ts'), "import type { A } from './a.js';\nexport type C = A;\n");
    const files = listSources(dir);
    const found = findCycles(buildImportGraph(files)).map((cycle) => cycle.map((file) => relative(dir, file)));
    expect(found).toEqual([['a.ts', 'b.ts']]);
  });

  it('lists every tangled import edge of a group, and self-imports', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['b', 'd']],
      ['d', []],
      ['e', ['e', 'outside']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b'], ['b', 'c'], ['e']]);
  });

  it('finds every kind of import', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B } from './b.js';",
      "import './c.js';",
      "export * from './d.js';",
      "export * as e from './e.js';",
      "export type { F } from './f.js';",
      "import g = require('./g.js');",
      "type H = typeof import('./h.js');",
      "const i = () => import('./i.js');",
      "// import './not-a-comment.js';",
      "const text = \"import './not-a-string.js'\";",
    ].join('\n');
    expect(importSpecifiers('x.ts', text)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js', './g.js', './h.js', './i.js']);
  });
});
