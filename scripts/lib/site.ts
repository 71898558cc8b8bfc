// Building the Astro site, shared by `npm start` and the tests.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { siteDir } from './paths.ts';
import { run } from './process.ts';

const astroBin = join(siteDir, 'node_modules', 'astro', 'bin', 'astro.mjs');

export interface SiteBuildOptions {
  cmsUrl: string;
  cmsToken: string;
  /** Public address of the portal (absolute links in feeds). */
  siteUrl: string;
  outDir: string;
  /** Astro's cache (content-layer store, optimised images); separate per caller. */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Write "seconds peak-KB" of the build here (GNU time), for benchmarks. */
  timeFile?: string;
}

export interface SyncReport {
  path: string;
  mode: 'full' | 'incremental';
  total: number;
  changed: number;
  removed: number;
}

/**
 * The preview server (dist/server) imports the site's dependencies at run time. Builds made
 * outside site/ (tests, temporary folders) find them through a node_modules link beside the
 * build folder, where Node's resolution looks.
 */
function linkDependencies(outDir: string): void {
  const parent = dirname(outDir);
  const link = join(parent, 'node_modules');
  if (parent.startsWith(siteDir) || existsSync(link)) return;
  mkdirSync(parent, { recursive: true });
  symlinkSync(join(siteDir, 'node_modules'), link, 'dir');
}

/**
 * Astro generates a new encryption key on every build unless ASTRO_KEY is set, and the key is
 * part of every page's module graph: incremental builds then re-render all pages. One key per
 * cache folder, generated on first use, keeps unchanged pages reusable.
 */
function buildKey(cacheDir?: string): string | undefined {
  if (process.env.ASTRO_KEY || !cacheDir) return process.env.ASTRO_KEY;
  const file = join(cacheDir, 'astro-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(cacheDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** Builds the site; resolves with what the incremental loaders synced. */
export async function buildSite(options: SiteBuildOptions): Promise<SyncReport[]> {
  linkDependencies(options.outDir);
  const reportFile = join(tmpdir(), `loa-sync-${process.pid}-${Date.now()}.jsonl`);
  // LOA_VERBOSE_BUILD=1 shows Astro's own output (timings, skipped pages) when profiling.
  const command = [process.execPath, astroBin, 'build', ...(process.env.LOA_VERBOSE_BUILD ? [] : ['--silent'])];
  const [bin, ...args] = options.timeFile ? ['/usr/bin/time', '-f', '%e %M', '-o', options.timeFile, ...command] : command;
  await run(bin, args, {
    cwd: siteDir,
    env: {
      ...process.env,
      ...options.env,
      CMS_URL: options.cmsUrl,
      CMS_TOKEN: options.cmsToken,
      SITE_URL: options.siteUrl,
      SITE_OUT_DIR: options.outDir,
      ...(options.cacheDir ? { ASTRO_CACHE_DIR: options.cacheDir, ASTRO_KEY: buildKey(options.cacheDir) } : {}),
      LOA_SYNC_REPORT: reportFile,
    },
  });
  try {
    return readFileSync(reportFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as SyncReport);
  } catch {
    return [];
  } finally {
    rmSync(reportFile, { force: true });
  }
}
