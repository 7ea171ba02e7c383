/** One schema change. Never edit a released migration: add a new one with the next id. */
export interface Migration {
  /** Position in the order; unique and increasing. */
  id: number;
  /** Short snake_case name, matching the file name. */
  name: string;
  /** SQL statements, run in order inside the migration transaction. */
  statements: readonly string[];
}
