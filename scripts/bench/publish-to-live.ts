// Benchmark: seconds from publishing one article through the CMS's REST API until the local
// static server serves its page, with N synthetic articles in the CMS and the builder in its
// steady state (three builds kept, see scripts/builder/builder.ts); plus the cold full build
// time and peak memory for the same N.
//
//   node scripts/bench/publish-to-live.ts [--sizes 1000,5000] [--runs 7]
//   node scripts/bench/publish-to-live.ts --sizes 10000 --runs 0     (cold build only)
//   node scripts/bench/publish-to-live.ts --sizes 5000 --skip-cold   (publish-to-live only)
//   node scripts/bench/publish-to-live.ts --dir /dev/shm/loa-bench   (on tmpfs: no disk costs)
//   node scripts/bench/publish-to-live.ts --keep-trash               (leave the trash, see below)
//   node scripts/bench/publish-to-live.ts --first-build              (cold build without Node's compile cache)
//
// The CMS database for each N is kept in .state/bench/<N>/ (or <dir>/<N>/) so a second run skips
// seeding; the cold build always starts from an empty Astro cache: no content store, no pages, no
// images. Node's compile cache of the installed packages is kept, as for every build
// (scripts/lib/site.ts); --first-build empties it too, for the first build after an install.
//
// Nothing is deleted while a build is measured or just before: on a disk without a journal, as
// here, ext4 passes over inodes freed in the last one to six minutes each time it allocates one,
// so a build that follows the removal of an old one pays for every file removed (a cold build of
// 10,000 took 45 to 62 s with 23 to 43 s of system time that way, against 39 s and 9 s without).
// What a run replaces is moved into the trash folder beside the databases and removed when the
// benchmark ends; a run started within minutes of the previous one's end still pays for that,
// unless the previous one was given --keep-trash (then remove the trash after the last run).
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateStrapiSecrets } from '@loa/shared/env-file';
import { Builder } from '../builder/builder.ts';
import { startWebhookServer } from '../builder/webhook-server.ts';
import { median, option, percentile } from '../lib/bench.ts';
import { startCms } from '../lib/cms.ts';
import { stateDir } from '../lib/paths.ts';
import { freePort, stop } from '../lib/process.ts';
import { buildSite, compileCache } from '../lib/site.ts';
import { serveStatic } from '../lib/static-server.ts';

const sizes = option('sizes', '1000,5000').split(',').map(Number);
const runs = Number(option('runs', '7'));
const skipCold = process.argv.includes('--skip-cold');
/** Comparing settings over several invocations: none then pays for the previous one's delete. */
const keepTrash = process.argv.includes('--keep-trash');
const firstBuild = process.argv.includes('--first-build');
const benchDir = option('dir', join(stateDir, 'bench'));
const ADMIN = { email: 'bench@loaphuong.local', password: 'Bench-2024-do-hieu-nang' };
const SECRET = 'bench-webhook-secret';

async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
}

async function fullAccessToken(cmsUrl: string): Promise<string> {
  const login = await json(`${cmsUrl}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const token = await json(`${cmsUrl}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.data.token}` },
    body: JSON.stringify({ name: `bench-${Date.now()}`, type: 'full-access', lifespan: null, kind: 'content-api' }),
  });
  return token.data.accessKey;
}

const trash = join(benchDir, 'trash');

/**
 * Memory the system can still hand out, in GB, from /proc/meminfo (null elsewhere). On tmpfs a
 * kept trash stays in memory: forty cold builds of 10,000 left 3 GB of 23, and the next build
 * took minutes instead of seconds.
 */
function availableGb(): number | null {
  try {
    const kb = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 / 1024 : null;
  } catch {
    return null;
  }
}

/** Warns when too little memory is left for a build's figures to compare with others. */
function warnIfMemoryShort(): void {
  const available = availableGb();
  if (available !== null && available < 6) {
    console.warn(
      `warning: only ${available.toFixed(1)} GB of memory available; figures measured now do not compare with others (a trash on tmpfs? see ${trash})`,
    );
  }
}

/** Moves a path out of the way without deleting it (see above); the trash is emptied at the end. */
function discard(path: string): void {
  mkdirSync(trash, { recursive: true });
  try {
    renameSync(path, join(trash, `${Date.now()}-${Math.random().toString(36).slice(2)}`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function bench(size: number) {
  const dir = join(benchDir, String(size));
  mkdirSync(join(dir, 'public', 'uploads'), { recursive: true });
  const secretsFile = join(dir, 'secrets.json');
  let secrets: Record<string, string>;
  try {
    secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));
  } catch {
    secrets = generateStrapiSecrets();
    (await import('node:fs')).writeFileSync(secretsFile, JSON.stringify(secrets));
  }
  const hookPort = await freePort();
  const sitePort = await freePort();
  console.log(`\n== N = ${size}: starting the CMS (seeding synthetic articles on the first run)`);
  const seedStarted = Date.now();
  const cms = await startCms({
    port: await freePort(),
    resultFile: join(dir, 'setup.json'),
    quiet: true,
    // Seeding 10,000 articles takes about six minutes on two cores.
    timeoutMs: 30 * 60 * 1000,
    env: {
      ...process.env,
      ...secrets,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: join(dir, 'data.db'),
      PUBLIC_DIR: join(dir, 'public'),
      SERVE_ADMIN_PANEL: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO_CONTENT: 'true',
      BENCH_ARTICLES: String(size - 25),
      BUILDER_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hooks/cms`,
      BUILDER_SECRET: SECRET,
    },
  });
  console.log(`CMS ready in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const cacheDir = join(dir, 'astro-cache');
  try {
    let cold = NaN;
    let peakKb = NaN;
    if (!skipCold) {
      // Cold build: empty cache, full sync, every image optimised.
      discard(cacheDir);
      // A few hundred files, beside the packages (another file system than --dir, perhaps).
      if (firstBuild) rmSync(compileCache, { recursive: true, force: true });
      warnIfMemoryShort();
      const timeFile = join(dir, 'cold-build.time');
      const coldStarted = Date.now();
      await buildSite({ cmsUrl: cms.url, cmsToken: cms.setup.siteToken, siteUrl, outDir: join(dir, 'cold'), cacheDir, timeFile });
      cold = (Date.now() - coldStarted) / 1000;
      // /usr/bin/time's "%e %U %S %M": elapsed, user and system CPU seconds, peak resident KB.
      const [, user, system, kb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
      peakKb = kb;
      discard(join(dir, 'cold'));
      console.log(`cold build: ${cold.toFixed(1)} s, ${(user + system).toFixed(1)} s of CPU, peak memory ${(peakKb / 1024).toFixed(0)} MB`);
    }

    if (runs === 0) return { size, cold, peakMb: peakKb / 1024, median: NaN, p95: NaN };
    const builder = new Builder({
      cmsUrl: cms.url,
      cmsToken: cms.setup.siteToken,
      siteUrl,
      buildsDir: join(dir, 'builds'),
      currentLink: join(dir, 'current'),
      cacheDir,
      debounceMs: 300,
      log: () => {},
    });
    const warm = await builder.buildNow('warm-up');
    console.log(`first build with a warm cache: ${warm.seconds.toFixed(1)} s`);
    // A running portal keeps three builds and recycles the oldest as the next staging folder;
    // two more builds reach that steady state before anything is measured.
    for (let i = 0; i < 2; i++) await builder.buildNow('warm-up');
    const servers = [await startWebhookServer(builder, SECRET, hookPort), await serveStatic(join(dir, 'current', 'client'), sitePort)];
    const token = await fullAccessToken(cms.url);
    const headers = { Authorization: `Bearer ${cms.setup.siteToken}` };
    const area = (await json(`${cms.url}/api/content-areas?sort=order`, { headers })).data[0].documentId;
    const officer = (await json(`${cms.url}/api/responsible-officers?sort=order`, { headers })).data[0].documentId;

    const samples: number[] = [];
    if (runs > 0) warnIfMemoryShort();
    for (let run = 1; run <= runs; run++) {
      const slug = `bai-do-hieu-nang-${Date.now()}`;
      const started = performance.now();
      await json(`${cms.url}/api/articles`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          data: {
            title: `Bài đo hiệu năng lần ${run}`,
            slug,
            summary: 'Bài đăng để đo thời gian từ lúc xuất bản đến lúc cư dân đọc được.',
            body: 'Nội dung bài đo.',
            contentAreas: [area],
            responsibleOfficer: officer,
          },
        }),
      });
      while ((await fetch(`${siteUrl}/tin-tuc/${slug}/`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      const seconds = (performance.now() - started) / 1000;
      samples.push(seconds);
      // The build's record is complete once old builds are cleared, a moment after the switch.
      await builder.idle();
      const last = builder.history[builder.history.length - 1];
      const synced = last.sync?.find((line) => line.path === 'articles');
      console.log(`  run ${run}: live after ${seconds.toFixed(2)} s (build ${last.seconds.toFixed(1)} s, articles ${synced?.mode} ${synced?.changed} changed)`);
    }
    builder.stop();
    for (const server of servers) server.close();
    return { size, cold, peakMb: peakKb / 1024, median: median(samples), p95: percentile(samples, 95) };
  } finally {
    await stop(cms.child);
  }
}

const results = [];
try {
  for (const size of sizes) results.push(await bench(size));
} finally {
  if (keepTrash) console.log(`\nLeft ${trash} for you to remove.`);
  else rmSync(trash, { recursive: true, force: true });
}
console.log('\nN        cold build   peak memory   publish-to-live median   p95');
for (const r of results) {
  console.log(
    `${String(r.size).padEnd(8)} ${`${r.cold.toFixed(1)} s`.padEnd(12)} ${`${r.peakMb.toFixed(0)} MB`.padEnd(13)} ${`${r.median.toFixed(2)} s`.padEnd(24)} ${r.p95.toFixed(2)} s`,
  );
}
if (runs > 0)
  console.log(`(runs per N: ${runs}; ratio publish-to-live / cold build: ${results.map((r) => `${r.size}: ${(r.median / r.cold).toFixed(2)}`).join(', ')})`);
