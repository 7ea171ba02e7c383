/** Prints a markdown table: a header row, a separator, then `rows` (cells padded to their column's width). */
export function printTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = header.map((title, column) => Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  console.log([line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}

/** The median of `values` (`NaN` when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `1234567` → `1,234,567`; fractions to `digits` places. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds for a table cell: one decimal below 100 ms, whole above. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms < 100 ? ms.toFixed(1) : formatNumber(ms);
}

/** A size in kB as `/proc` reports it (units of 1024 bytes) as MB (MiB) for a table cell. */
export function formatMb(kib: number): string {
  return Number.isFinite(kib) ? `${formatNumber(kib / 1024)} MB` : '–';
}

/** A progress dot on stdout, without a newline. */
export function dot(): void {
  process.stdout.write('.');
}
