// Scratch (full_c): EXPLAIN evidence for admin list queries. Removed after use.
import { createPostgresStore } from '../src/store/createPostgresStore.js';
import { migrate } from '../src/store/migrate.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { createSite } from '../src/sites/createSite.js';

const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = 'full_c_explain';
const admin = await createPostgresStore({ connectionString: url });
if (process.argv[2] === 'drop') { await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); await admin.close(); process.exit(0); }
await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
await admin.close();
const store = await createPostgresStore({ connectionString: url, schema });
const { rows: existing } = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = '${schema}' AND table_name = 'sites'`);
let siteId: string;
if (existing[0]!.n === 0) {
  await migrate(store, MIGRATIONS);
  const site = await createSite(store, { name: 'explain', slug: 'explain' } as never);
  siteId = site.site.id;
  const N = 200_000;
  await store.query(`INSERT INTO contacts (id, site_id, external_id, traits, created_at, last_seen_at)
    SELECT 'ct_x_' || n, $1, 'x_' || n, jsonb_build_object('name', 'X ' || n, 'email', 'x' || n || '@example.com'), now() - n * interval '1 second', now() FROM generate_series(1, $2::int) n`, [siteId, N]);
  await store.query(`INSERT INTO surveys (site_id, id, status, name, kind, question, text_max_length, thank_you, placement, sample_percent, recontact) VALUES ($1, 'sv_x', 'active', 'x', 'nps', 'Q?', 500, 'ty', 'inline', 100, '{}'::jsonb)`, [siteId]).catch((e) => console.error('survey', e.message));
  await store.query(`INSERT INTO feedback_responses (site_id, id, survey_id, contact_id, request_hash, kind, score, band, answered_at, received_at, contact_requested)
    SELECT $1, 're_x_' || n, 'sv_x', 'ct_x_' || (1 + n % $2::int), 'x', 'nps', n % 11, CASE WHEN n % 11 <= 6 THEN 'negative' WHEN n % 11 <= 8 THEN 'neutral' ELSE 'positive' END,
      now() - n * interval '1 second', now() - n * interval '1 second', n % 50 = 0 FROM generate_series(1, $2::int) n`, [siteId, N]).catch((e) => console.error('responses', e.message));
  await store.query('ANALYZE');
} else {
  siteId = (await store.query<{ id: string }>('SELECT id FROM sites LIMIT 1')).rows[0]!.id;
}
console.log('site', siteId);
const sql = process.argv[2]!;
const params = JSON.parse(process.argv[3] ?? '[]').map((p: unknown) => (p === '$site' ? siteId : p));
if (sql !== 'setup') {
  const { rows } = await store.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await store.close();
