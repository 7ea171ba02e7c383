import { STAMP_REWARD_ID, type LoyaltyProgram, type LoyaltyProgramInput, type ValidationIssue } from '@rapport/core/schemas';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { ApiError, validationFailed } from '../http/ApiError.js';
import type { SqlExecutor } from '../store/Store.js';

/** A `loyalty_programs` row as {@link CURRENT_PROGRAM_SQL} selects it. */
export interface ProgramRow {
  version: number;
  config: LoyaltyProgramInput;
  created_at: Date;
}

/** The site's (`$1`) current program version, as a {@link ProgramRow}. */
export const CURRENT_PROGRAM_SQL = 'SELECT version, config, created_at FROM loyalty_programs WHERE site_id = $1 ORDER BY version DESC LIMIT 1';

/** The contract's view of a program row. */
export function toProgram(row: ProgramRow): LoyaltyProgram {
  return { ...row.config, version: row.version, updatedAt: row.created_at.toISOString() };
}

/** The site's current loyalty program, or `null` when it has none. */
export async function loadProgram(db: SqlExecutor, siteId: string): Promise<LoyaltyProgram | null> {
  const { rows } = await db.query<ProgramRow>(CURRENT_PROGRAM_SQL, [siteId]);
  const row = rows[0];
  return row ? toProgram(row) : null;
}

/** {@link loadProgram}, or 404 `not_found`. */
export async function programOr404(db: SqlExecutor, siteId: string): Promise<LoyaltyProgram> {
  const program = await loadProgram(db, siteId);
  if (!program) throw new ApiError(404, 'not_found', 'This site has no loyalty program yet');
  return program;
}

/** Rules the schema cannot express: tiers start at 0 and rise; ids are unique and not reserved. */
function checkProgram(input: LoyaltyProgramInput): void {
  const issues: ValidationIssue[] = [];
  input.tiers.forEach((tier, i) => {
    const previous = input.tiers[i - 1];
    if (i === 0 && tier.threshold !== 0) issues.push({ path: ['tiers', 0, 'threshold'], message: 'The first tier starts at 0', code: 'custom' });
    if (previous && tier.threshold <= previous.threshold) {
      issues.push({ path: ['tiers', i, 'threshold'], message: 'Thresholds must rise', code: 'custom' });
    }
  });
  const dupes = (ids: string[]) => ids.findIndex((id, i) => ids.indexOf(id) !== i);
  const reward = dupes(input.rewards.map((r) => r.id));
  if (reward >= 0) issues.push({ path: ['rewards', reward, 'id'], message: 'Reward ids must be unique', code: 'custom' });
  const reserved = input.rewards.findIndex((r) => r.id === STAMP_REWARD_ID);
  if (reserved >= 0) issues.push({ path: ['rewards', reserved, 'id'], message: `"${STAMP_REWARD_ID}" is the stamp card's reward`, code: 'custom' });
  const action = dupes(input.earn.actions.map((a) => a.id));
  if (action >= 0) issues.push({ path: ['earn', 'actions', action, 'id'], message: 'Action ids must be unique', code: 'custom' });
  if (issues.length > 0) throw validationFailed(issues);
}

/** Stores `input` as the next version (unless it equals the current one). Run inside a transaction. */
export async function saveProgram(
  tx: SqlExecutor,
  input: { siteId: string; program: LoyaltyProgramInput; now: Date },
): Promise<{ program: LoyaltyProgram; created: boolean }> {
  checkProgram(input.program);
  await tx.query('SELECT id FROM sites WHERE id = $1 FOR UPDATE', [input.siteId]);
  const current = await loadProgram(tx, input.siteId);
  if (current) {
    const { version: _v, updatedAt: _u, ...config } = current;
    if (canonicalJson(config) === canonicalJson(input.program)) return { program: current, created: false };
  }
  const version = (current?.version ?? 0) + 1;
  await tx.query('INSERT INTO loyalty_programs (site_id, version, config, created_at) VALUES ($1, $2, $3::jsonb, $4)', [
    input.siteId,
    version,
    JSON.stringify(input.program),
    input.now,
  ]);
  return { program: { ...input.program, version, updatedAt: input.now.toISOString() }, created: true };
}
