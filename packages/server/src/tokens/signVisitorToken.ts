// Moved to @rapport/node (the business's server signs visitor tokens, not the Rapport server); kept here so the
// server's own imports and `@rapport/server`'s export of it keep working.
export { signVisitorToken } from '@rapport/node';
export type { SignVisitorTokenOptions } from '@rapport/node';
