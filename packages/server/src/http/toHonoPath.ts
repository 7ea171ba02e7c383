/** An OpenAPI path template as Hono writes it: `/v1/contacts/{id}` → `/v1/contacts/:id`. */
export function toHonoPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
}
