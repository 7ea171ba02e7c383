export { createRandom } from '../../packages/server/src/testing/createRandom.js';

/** The seed of this run: `CHAOS_SEED` when set (to replay a run's choices), else a random one. */
export function chaosSeed(): number {
  const fixed = Number(process.env.CHAOS_SEED);
  return Number.isInteger(fixed) && fixed > 0 ? fixed : Math.floor(Math.random() * 2 ** 31) + 1;
}
