import { devWarning } from './devWarning.js';

/**
 * A widget's strings: `overrides` over `defaults`. In development, warns about unknown keys and empty strings;
 * the check, strings included, drops out of production builds.
 */
export function resolveMessages<T extends object>(widget: string, defaults: T, overrides?: Partial<T>): T {
  if (!overrides) return defaults;
  if (process.env.NODE_ENV !== 'production') {
    for (const [key, value] of Object.entries(overrides)) {
      if (!(key in defaults)) {
        devWarning(`<${widget} messages>: unknown key "${key}" (known: ${Object.keys(defaults).join(', ')}).`);
      } else if (value === '') {
        devWarning(`<${widget} messages>: "${key}" is empty, which leaves visitors without that text or label.`);
      }
    }
  }
  return { ...defaults, ...overrides };
}
