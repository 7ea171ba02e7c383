/** Where the CLI's data lives: PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`. */
export interface StoreLocation {
  /** PGlite data directory (flag `--data-dir`, env `RAPPORT_DATA_DIR`). Default: `./.rapport-data`. */
  dataDir: string;
  /** PostgreSQL connection string (env `DATABASE_URL`). Default: none (PGlite). */
  databaseUrl: string | undefined;
}

/** The store flag and environment every command shares; the flag wins over `RAPPORT_DATA_DIR`. */
export function storeLocation(dataDir: string | undefined, env: Record<string, string | undefined>): StoreLocation {
  return { dataDir: dataDir ?? (env.RAPPORT_DATA_DIR || './.rapport-data'), databaseUrl: env.DATABASE_URL || undefined };
}
