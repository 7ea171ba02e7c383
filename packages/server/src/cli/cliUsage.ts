/** Usage text of `rapport-server --help`. */
export const CLI_USAGE = `Usage: rapport-server [serve] [options]
       rapport-server <command> [options]

Serves the Rapport API for the sites in its database (runs migrations first). Without --demo it creates no site:
create yours with "site create".

Serve options:
  --port <port>            TCP port, 0 for any free port                  env PORT              (default: 8787)
  --host <host>            Interface to listen on                         env HOST              (default: 127.0.0.1)
  --data-dir <dir>         PGlite data directory (without DATABASE_URL)   env RAPPORT_DATA_DIR  (default: ./.rapport-data)
  --demo                   Also seed the demo site "Northwind Coffee Roasters" (adds what is missing, never
                           overwrites)                                    env RAPPORT_DEMO=1
  --allowed-origin <url>   With --demo: an origin the demo key allows (added, never removed); repeatable
                           (default for a new demo key: http://localhost:5173 and http://127.0.0.1:5173)
  --webhooks-allow-private Development only: accept webhook endpoints on http:// and on loopback and private
                           addresses                                      env RAPPORT_WEBHOOKS_ALLOW_PRIVATE=1
  -h, --help               Show this help

Commands (work on PGlite with --data-dir / RAPPORT_DATA_DIR, or on PostgreSQL with DATABASE_URL; with PGlite,
stop the server first — one process at a time — or use the admin API):
  site create --name <name> [--slug <slug>] [--origin <url>]... [--locale <tag>]
                           Create a site; prints its id, publishable key, secret key (shown once: only its
                           hash is stored) and identity secret
  site list                Every site, with its keys and origins (never a secret)
  key list --site <site>   The site's publishable keys (with origins) and secret keys (id and prefix)
  key create --site <site> --type publishable|secret [--origin <url>]...
                           A new key; a new publishable key allows the current keys' origins unless --origin
  key revoke --site <site> <pk_live_… | skey_… | sk_live_…>
                           Revoke a key: refused from the next request on, on every instance
  origin add --site <site> [--key <pk_live_…>] <url>...
  origin remove --site <site> [--key <pk_live_…>] <url>...
                           Allow, or stop allowing, origins (every unrevoked publishable key unless --key)
  identity-secret rotate --site <site> [--grace <duration>]
                           New identity secret; tokens signed with the old one verify for --grace
                           (default: 7d; 0 ends them at once; at most 90d)

  <site> is a site id or slug. An origin is https://host[:port], http://localhost:5173 or https://*.example.com.
  Add --json to a command for machine-readable output. Exit codes: 0 done, 2 bad input, 1 failure.

Environment:
  DATABASE_URL             Use this PostgreSQL database instead of PGlite (for several instances)
  PORT, HOST, RAPPORT_DATA_DIR, RAPPORT_DEMO, RAPPORT_WEBHOOKS_ALLOW_PRIVATE
                           As the flags above; a flag wins over its variable
  RAPPORT_PUBLISHABLE_KEY  With --demo: a fixed publishable key for the demo site
  RAPPORT_SECRET_KEY       With --demo: a fixed secret key for the demo site
  RAPPORT_IDENTITY_SECRET  With --demo: a fixed identity secret for the demo site
`;
