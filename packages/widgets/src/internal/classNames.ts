/** Joins class names, skipping empty ones: the part's own `rapport-…` class first, the caller's after. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
