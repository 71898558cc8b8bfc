// Benchmark: seconds for `npm run backup` and `npm run restore` of one CMS (scripts/lib/backup.ts),
// with the archive's size, median of several runs. The restore goes back into the same place;
// what it sets aside each time is removed after the run.
//
//   node scripts/bench/backup.ts --state .state/bench/5000 [--runs 3]
//       the SQLite database and uploads a publish-to-live benchmark seeded (5,000 articles)
//   DATABASE_CLIENT=postgres DATABASE_URL=postgres://... PUBLIC_DIR=... node scripts/bench/backup.ts [--runs 3]
//       a PostgreSQL database, as the CMS reads its settings
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cmsData, createBackup, restoreBackup } from '../lib/backup.ts';
import { median, option } from '../lib/bench.ts';
import { cmsDir } from '../lib/paths.ts';

const runs = Number(option('runs', '3'));
const state = option('state', '');
const env = state
  ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: resolve(state, 'data.db'), PUBLIC_DIR: resolve(state, 'public') }
  : (process.env as Record<string, string>);
const data = cmsData(env, cmsDir);
const work = mkdtempSync(join(tmpdir(), 'loa-bench-backup-'));
const backups: number[] = [];
const restores: number[] = [];
let bytes = 0;
let files = 0;
try {
  for (let run = 1; run <= runs; run++) {
    const archive = join(work, `run-${run}.tar.gz`);
    let started = performance.now();
    const manifest = await createBackup(data, archive);
    backups.push((performance.now() - started) / 1000);
    bytes = statSync(archive).size;
    files = manifest.uploads.length;
    started = performance.now();
    const { setAside } = restoreBackup(archive, data);
    restores.push((performance.now() - started) / 1000);
    for (const path of setAside) rmSync(path, { recursive: true, force: true });
    rmSync(archive);
    console.log(`run ${run}: backup ${backups.at(-1)!.toFixed(2)} s, restore ${restores.at(-1)!.toFixed(2)} s`);
  }
  console.log(
    `${data.client}: backup median ${median(backups).toFixed(2)} s, restore median ${median(restores).toFixed(2)} s (${runs} runs); ` +
      `archive ${(bytes / 1024 / 1024).toFixed(1)} MB with ${files} upload files`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
