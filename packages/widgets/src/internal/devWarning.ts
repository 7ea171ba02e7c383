const warned = new Set<string>();

/**
 * Logs a misuse warning once per message, in development only (bundlers drop it from production builds).
 * Misuse never throws in production: a widget should degrade, not take the host page down.
 * `once` is what makes two warnings the same one. Default: the message itself.
 */
export function devWarning(message: string, once: string = message): void {
  if (process.env.NODE_ENV === 'production' || warned.has(once)) return;
  warned.add(once);
  console.warn(`[rapport] ${message}`);
}
