import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGliteStore } from './createPGliteStore.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { templateKey } from './pgliteTemplate.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-template-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('PGlite data directory from a template', () => {
  it('makes the template once, then starts each new data directory migrated, as a separate database', async () => {
    const templateCacheDir = join(dir, 'cache');
    const first = await createPGliteStore({ dataDir: join(dir, 'a'), templateCacheDir });
    try {
      expect(await migrate(first)).toEqual({ applied: [] });
      await first.query("INSERT INTO rapport_migrations (id, name) VALUES (100000, 'only_in_a')");
    } finally {
      await first.close();
    }
    expect(readdirSync(templateCacheDir)).toEqual([`pglite-template-${templateKey(MIGRATIONS)}`]);

    const second = await createPGliteStore({ dataDir: join(dir, 'b'), templateCacheDir });
    try {
      const { rows } = await second.query<{ id: number }>('SELECT id FROM rapport_migrations ORDER BY id');
      expect(rows.map((row) => row.id)).toEqual(MIGRATIONS.map((migration) => migration.id));
    } finally {
      await second.close();
    }
  }, 180_000);

  it('runs initdb in place with `template: false`, or when no template can be kept', async () => {
    const plain = await createPGliteStore({ dataDir: join(dir, 'plain'), template: false });
    try {
      expect((await migrate(plain)).applied).toEqual(MIGRATIONS.map((migration) => migration.id));
    } finally {
      await plain.close();
    }
    // A file where the cache directory should be: no template, and the start goes on without one.
    const blocked = await createPGliteStore({ dataDir: join(dir, 'blocked'), templateCacheDir: join(dir, 'a', 'PG_VERSION') });
    try {
      expect((await migrate(blocked)).applied).toEqual(MIGRATIONS.map((migration) => migration.id));
    } finally {
      await blocked.close();
    }
    expect(existsSync(join(dir, 'plain', 'PG_VERSION'))).toBe(true);
  }, 180_000);
});
