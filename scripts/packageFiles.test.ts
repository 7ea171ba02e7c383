import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Test helpers, tests and stories live beside the source, and `files` publishes `src`: each package's `files`
// must leave them out. This asks pnpm what it would pack, so the answer is the real tarball's list.
const root = new URL('..', import.meta.url).pathname;
const published = readdirSync(join(root, 'packages'))
  .filter((name) => !JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).private)
  .sort();

/** Paths only tests need: test files, stories, and anything in a `testing` folder. */
const TEST_ONLY = [/\.test\.tsx?$/, /\.stories\.tsx?$/, /(^|\/)testing\//];
const testOnly = (paths: readonly string[]) => paths.filter((path) => TEST_ONLY.some((pattern) => pattern.test(path)));

function packedFiles(name: string): string[] {
  const output = execFileSync('pnpm', ['pack', '--dry-run', '--json'], { cwd: join(root, 'packages', name), encoding: 'utf8' });
  const packed = JSON.parse(output) as { files: { path: string }[] } | { files: { path: string }[] }[];
  return (Array.isArray(packed) ? packed[0]!.files : packed.files).map((file) => file.path);
}

describe('published packages hold no test-only files', () => {
  it('knows a test-only path when it sees one', () => {
    const paths = ['src/index.ts', 'src/a.test.ts', 'src/A.stories.tsx', 'src/testing/helper.ts', 'src/x/testing/y.tsx', 'src/attesting.ts'];
    expect(testOnly(paths)).toEqual(['src/a.test.ts', 'src/A.stories.tsx', 'src/testing/helper.ts', 'src/x/testing/y.tsx']);
  });

  it.each(published)('@rapport/%s', (name) => {
    const files = packedFiles(name);
    expect(files).toContain('package.json');
    expect(files.some((path) => path.startsWith('src/'))).toBe(true);
    expect(testOnly(files)).toEqual([]);
  });
});
