import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { pathPattern } from '../http/methodsForPath.js';

/** Route label of a request no route matched; the raw path is never used (it may hold ids and tokens). */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Returns a function naming a request's route by its path template (`/v1/admin/contacts/{externalId}`), for logs
 * and metric labels. After the handlers ran it takes the path of the handler that answered; when a middleware
 * answered first (a 413, a CORS preflight, a 404 or 405) it matches the path against `templates`, static
 * templates first; failing both it is {@link UNMATCHED_ROUTE}. The set of labels is thus bounded by the routes.
 */
export function createRouteLabeler(templates: readonly string[]): (c: Context) => string {
  const sorted = [...new Set(templates)].sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')));
  const patterns = sorted.map((template) => ({ template, pattern: pathPattern(template) }));
  return (c) => {
    const answered = routePath(c);
    if (answered && !answered.includes('*')) return answered.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
    return patterns.find(({ pattern }) => pattern.test(c.req.path))?.template ?? UNMATCHED_ROUTE;
  };
}
