import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCms } from './lib/cms.ts';
import { freePort, stop } from './lib/process.ts';
import { articleQuery } from '../site/src/lib/queries.ts';
const dir = '/dev/shm/lb/10000';
const secrets = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
const cms = await startCms({ port: await freePort(), resultFile: join(dir, 'setup.json'), quiet: false, env: { ...process.env, ...secrets, NODE_OPTIONS: process.env.CMS_NODE_OPTIONS ?? '', DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: join(dir, 'data.db'), PUBLIC_DIR: join(dir, 'public'), SERVE_ADMIN_PANEL: 'false', ADMIN_EMAIL: 'bench@loaphuong.local', ADMIN_PASSWORD: 'Bench-2024-do-hieu-nang', SEED_DEMO_CONTENT: 'true', BENCH_ARTICLES: '9975' } });
process.env.CMS_URL = cms.url; process.env.CMS_TOKEN = cms.setup.siteToken;
const { fetchCollection } = await import('../site/src/lib/cms.ts');
const cpu = () => { const f = readFileSync(`/proc/${cms.child.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
for (let i = 0; i < 1; i++) {
  const c0 = cpu(); const t0 = performance.now();
  const items = await fetchCollection('articles', articleQuery);
  console.log('articles', items.length, 'wall', ((performance.now() - t0) / 1000).toFixed(2), 'strapi cpu', (cpu() - c0).toFixed(2));
}
await stop(cms.child);
