/**
 * SQL that makes `table` append-only in the database itself: a trigger function raising on any UPDATE,
 * DELETE or TRUNCATE, whatever the application does. Spread into a migration's statements.
 */
export function appendOnlyTable(table: string): string[] {
  return [
    `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
     BEGIN
       RAISE EXCEPTION '${table} is append-only: % is not allowed', TG_OP USING ERRCODE = 'P0001';
     END
     $fn$`,
    `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
       FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
  ];
}
