import type { PublishableKey, SiteAdmin } from '@rapport/core/schemas';
import type { ManageResult } from './runManageCommand.js';

const origins = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : '(none: browsers on any page are refused)');
const state = (revokedAt: string | null) => (revokedAt ? `revoked ${revokedAt}` : 'active');

function keyLines(site: SiteAdmin): string[] {
  return [
    ...site.publishableKeys.map((k) => `  publishable ${k.key}  ${state(k.revokedAt)}  origins: ${origins(k.allowedOrigins)}`),
    ...site.secretKeys.map((k) => `  secret      ${k.id}  ${k.prefix}…  ${state(k.revokedAt)}`),
    `  identity secret: ${site.identitySecret.rotatedAt ? `rotated ${site.identitySecret.rotatedAt}` : 'never rotated'}` +
      (site.identitySecret.previousValidUntil ? `; the previous one verifies until ${site.identitySecret.previousValidUntil}` : ''),
  ];
}

function originLines(keys: readonly PublishableKey[]): string[] {
  return keys.map((k) => `  ${k.key}  ${state(k.revokedAt)}  origins: ${origins(k.allowedOrigins)}`);
}

/** The text `rapport-server <command>` prints for a result (without `--json`). */
export function formatManageResult(result: ManageResult): string {
  switch (result.action) {
    case 'site create':
      return [
        `Created site "${result.site.name}" (slug ${result.site.slug})`,
        `  Site id:          ${result.site.id}`,
        `  Publishable key:  ${result.publishableKey}  (for the browser, e.g. NEXT_PUBLIC_RAPPORT_PUBLISHABLE_KEY or VITE_RAPPORT_PUBLISHABLE_KEY)`,
        `  Allowed origins:  ${origins(result.allowedOrigins)}`,
        `  Secret key:       ${result.secretKey}  (shown once: only its hash is stored; your server's RAPPORT_SECRET_KEY)`,
        `  Identity secret:  ${result.identitySecret}  (signs visitor tokens on your server: RAPPORT_IDENTITY_SECRET; never in a browser)`,
      ].join('\n');
    case 'site list':
      if (result.sites.length === 0) return 'No sites yet: create one with rapport-server site create --name <name> --origin <url>';
      return result.sites.flatMap((site) => [`${site.id}  ${site.slug}  "${site.name}"  created ${site.createdAt}`, ...keyLines(site)]).join('\n');
    case 'key list':
      return [`${result.site.id}  ${result.site.slug}  "${result.site.name}"`, ...keyLines(result.site)].join('\n');
    case 'key create':
      if ('secretKey' in result) {
        return [
          `Created a secret key for ${result.site}: ${result.secretKey.id}`,
          `  Secret key:  ${result.secretKey.secretKey}  (shown once: only its hash is stored)`,
          `  Deploy it, then revoke the old key with: rapport-server key revoke --site ${result.site} <skey_…>`,
        ].join('\n');
      }
      return [
        `Created a publishable key for ${result.site}: ${result.publishableKey.key}`,
        `  Allowed origins:  ${origins(result.publishableKey.allowedOrigins)}`,
      ].join('\n');
    case 'key revoke':
      return 'secretKey' in result
        ? `Revoked secret key ${result.secretKey.id} (${result.secretKey.prefix}…) of ${result.site}: refused from the next request on`
        : `Revoked publishable key ${result.publishableKey.key} of ${result.site}: refused from the next request on`;
    case 'origin add':
    case 'origin remove':
      return [`${result.action === 'origin add' ? 'Allowed' : 'Stopped allowing'} ${result.origins.join(', ')} on ${result.site}:`, ...originLines(result.publishableKeys)].join('\n');
    case 'identity-secret rotate':
      return [
        `Rotated the identity secret of ${result.site}`,
        `  Identity secret:  ${result.identitySecret}  (shown once here: deploy it to your servers as RAPPORT_IDENTITY_SECRET)`,
        result.previousValidUntil
          ? `  Tokens signed with the previous secret verify until ${result.previousValidUntil}; after that only the new one.`
          : '  Tokens signed with the previous secret are refused from now on.',
        ...(result.cutShort ? [`  The secret before that (valid until ${result.cutShort}) is refused from now on.`] : []),
      ].join('\n');
  }
}
