import type { RouteDefinition } from './RouteDefinition.js';

/** A path template (`/v1/contacts/{id}`) as a pattern matching its concrete paths. */
export function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

/** Methods registered for a concrete path (for 405 and `Allow`); empty when no route has this path. */
export function methodsForPath(routes: readonly RouteDefinition[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) if (pathPattern(route.path).test(path)) methods.add(route.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
