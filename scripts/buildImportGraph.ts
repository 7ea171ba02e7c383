import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Options of {@link buildImportGraph}. */
export interface BuildImportGraphOptions {
  /**
   * How specifiers resolve (conditions, `paths`, `.js` → `.ts`). Default: bundler resolution with the `source`
   * condition, as the repository's tsconfig.json has it.
   */
  compilerOptions?: ts.CompilerOptions;
}

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  customConditions: ['source'],
  allowImportingTsExtensions: true,
  noEmit: true,
};

/**
 * The import graph of `files`: each file → the files among them it imports. Every kind of import counts (type-only
 * imports, `export … from`, side-effect imports, `import()` and `import('…')` types, `import x = require(…)`),
 * resolved as TypeScript does (so `./x.js` is `./x.ts`, and `@rapport/core` is `packages/core/src/index.ts` by
 * its `source` condition). Imports of files outside `files` (dependencies) are left out.
 */
export function buildImportGraph(files: readonly string[], options: BuildImportGraphOptions = {}): Map<string, Set<string>> {
  const compilerOptions = options.compilerOptions ?? DEFAULT_OPTIONS;
  const host = ts.sys;
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (name) => name, compilerOptions);
  const known = new Map(files.map((file) => [host.realpath?.(file) ?? file, file]));
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const imported = new Set<string>();
    for (const specifier of importSpecifiers(file, readFileSync(file, 'utf8'))) {
      const resolved = ts.resolveModuleName(specifier, file, compilerOptions, host, cache).resolvedModule;
      const target = resolved && known.get(host.realpath?.(resolved.resolvedFileName) ?? resolved.resolvedFileName);
      if (target !== undefined) imported.add(target);
    }
    graph.set(file, imported);
  }
  return graph;
}

/** Every module specifier `text` names, found by parsing it (not by pattern, so none hides in a comment or string). */
export function importSpecifiers(fileName: string, text: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const specifiers: string[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) specifiers.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The TypeScript sources under `dir` (`.ts`/`.tsx`, declaration files excepted), skipping node_modules and dist. */
export function listSources(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') files.push(...listSources(path));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files.sort();
}
