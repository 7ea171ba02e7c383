const warned = new Set<string>();

/**
 * Logs a misuse warning once per message, in development only (bundlers drop it from production builds).
 * Misuse never throws in production: a widget should degrade, not take the host page down.
 */
export function devWarning(message: string): void {
  if (process.env.NODE_ENV === 'production' || warned.has(message)) return;
  warned.add(message);
  console.warn(`[rapport] ${message}`);
}
