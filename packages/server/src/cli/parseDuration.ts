import { CliUsageError } from './CliUsageError.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `'7d'` → 604800000. Accepts `0`, or a whole number followed by `s`, `m`, `h`, `d` or `w`. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (text.trim() === '0') return 0;
  if (!match) throw new CliUsageError(`${flag} must be a duration such as 7d, 36h, 90m or 0, not "${text}"`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
