// Building the Astro site, shared by `npm start` and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARD_FOLDER } from '@loa/shared/search';
import { parseRecord, readRecordBytes } from '../../site/integrations/string-pages-record.ts';
import { rootDir, siteDir } from './paths.ts';
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
  /**
   * A previous build (an outDir) made with the same cacheDir: its pages are copied into outDir
   * first, so Astro leaves the unchanged ones where they are instead of restoring them one by
   * one from its cache. Whatever this build does not produce again is removed afterwards.
   */
  reusePagesFrom?: string;
  /** A worker from warmAstro() to build in, instead of starting Node and loading Astro now. */
  warm?: WarmAstro;
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

/** Where a finished build records which incremental manifest described it (not served). */
const MANIFEST_STAMP = 'incremental-manifest.sha256';

interface IncrementalManifest {
  digest: string;
  /** The files the build that wrote it produced, relative to its outDir. */
  outputs: () => Set<string>;
}

/**
 * Astro's incremental manifest, read once, with the record of the pages written beside Astro's
 * list (site/integrations/string-pages-record.ts): their digest together, and the files both list,
 * on demand.
 */
function readManifest(cacheDir: string): IncrementalManifest | null {
  let body: Buffer;
  try {
    body = readFileSync(join(cacheDir, 'incremental-build.json'));
  } catch {
    return null;
  }
  const stringPages = readRecordBytes(cacheDir);
  const digest = createHash('sha256').update(body);
  if (stringPages) digest.update('\0').update(stringPages);
  return {
    digest: digest.digest('hex'),
    outputs: () => {
      const manifest = JSON.parse(body.toString('utf8')) as { routes: Record<string, { paths: Record<string, { outputFile: string }> }> };
      // Astro records them as URL paths (percent-encoded); the filesystem has the decoded names.
      const decoded = (path: string) => {
        try {
          return decodeURI(path);
        } catch {
          return path;
        }
      };
      const outputs = new Set(Object.values(manifest.routes).flatMap((route) => Object.values(route.paths).map((path) => decoded(path.outputFile))));
      const record = stringPages && parseRecord(stringPages);
      for (const page of Object.values(record?.pages ?? {})) outputs.add(page.outputFile);
      return outputs;
    },
  };
}

/**
 * Whether a previous build's pages may stand in for Astro's cache: only if Astro's manifest is
 * still the one written by that very build. After a build that failed once Astro had finished
 * (the manifest then describes pages that were never served), every page is restored instead.
 */
function canReuse(previousOutDir: string, cacheDir: string): boolean {
  const digest = readManifest(cacheDir)?.digest;
  try {
    return digest !== undefined && readFileSync(join(previousOutDir, MANIFEST_STAMP), 'utf8') === digest;
  } catch {
    return false;
  }
}

/** The search index's folder, which its integration (site/integrations/search-index.ts) keeps. */
const SEARCH_INDEX = join('client', 'tim-kiem', 'du-lieu');

/**
 * Copies a previous build's pages into outDir, with the search index's article files. Hashed
 * assets (_astro) and the rest of the index are written anew by every build, and the public
 * folder's files are copied by Astro itself, so those are left out rather than copied and pruned.
 * An outDir that already holds an older build (the builder recycles one) loses those, and only
 * its files that differ are copied: a few per publish instead of every page.
 *
 * The search index's article files and shard folder stay in a recycled outDir, to be brought up
 * to date (below) and rewritten in place (search-index.ts): removing thousands of files just
 * before a build writes as many makes each new file cost more on ext4 without a journal, which
 * passes over inodes freed in the last minutes (scripts/bench/publish-to-live.ts).
 */
async function copyPreviousPages(previousOutDir: string, outDir: string): Promise<void> {
  const own = new Set(['_astro', 'tim-kiem', ...readdirSync(join(siteDir, 'public'))]);
  if (existsSync(join(outDir, 'client'))) {
    for (const name of readdirSync(outDir)) if (name !== 'client') rmSync(join(outDir, name), { recursive: true, force: true });
    for (const name of readdirSync(join(outDir, 'client'))) if (own.has(name)) clear(join(outDir, 'client'), name);
  }
  mkdirSync(join(outDir, SEARCH_INDEX, 'f'), { recursive: true });
  const articleFiles = join(previousOutDir, SEARCH_INDEX, 'f');
  await Promise.all([
    mirror(join(previousOutDir, 'client'), join(outDir, 'client'), own),
    existsSync(articleFiles) ? mirror(articleFiles, join(outDir, SEARCH_INDEX, 'f'), new Set()) : undefined,
  ]);
}

/** Removes root/path, but not the search index's article files and shard folders inside it. */
function clear(root: string, path: string): void {
  const kept = join('tim-kiem', 'du-lieu');
  if (path === kept) {
    for (const name of readdirSync(join(root, path)))
      if (name !== 'f' && !SHARD_FOLDER.test(name)) rmSync(join(root, path, name), { recursive: true, force: true });
  } else if (`${kept}/`.startsWith(`${path}/`)) {
    for (const name of readdirSync(join(root, path))) clear(root, join(path, name));
  } else {
    rmSync(join(root, path), { recursive: true, force: true });
  }
}

/** Every file under a folder (but the top-level names skipped), by relative path, with its size and time. */
function fileStamps(root: string, skip: Set<string>): Map<string, string> {
  const stamps = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(root, join(entry.parentPath, entry.name));
    if (skip.has(path.split('/')[0])) continue;
    const { size, mtimeNs } = statSync(join(root, path), { bigint: true });
    stamps.set(path, `${size}:${mtimeNs}`);
  }
  return stamps;
}

/**
 * Makes `to` hold the files of `from` (the names in `skip` aside), copying only those whose size
 * or time differ, with their times (cp -a: pruning tells a copy from a page the build wrote by
 * its time), and removing the ones `from` lacks. A file is removed
 * before it is replaced, never rewritten in place: a reader still holding it keeps its copy.
 */
async function mirror(from: string, to: string, skip: Set<string>): Promise<void> {
  const source = fileStamps(from, skip);
  const target = fileStamps(to, skip);
  for (const path of target.keys()) if (!source.has(path)) removeFile(to, path);
  const changed = [...source].filter(([path, stamp]) => target.get(path) !== stamp).map(([path]) => path);
  for (const path of changed) rmSync(join(to, path), { force: true });
  // cp --parents recreates each relative path under `to`, in batches that stay well below the
  // argument-length limit.
  for (let i = 0; i < changed.length; i += 500) await run('cp', ['-a', '--parents', '--', ...changed.slice(i, i + 500), to], { cwd: from });
}

/** Removes a file and the folders it leaves empty (an article's folder), up to the root. */
function removeFile(root: string, path: string): void {
  rmSync(join(root, path), { force: true });
  for (let folder = dirname(path); folder !== '.'; folder = dirname(folder)) {
    try {
      rmdirSync(join(root, folder));
    } catch {
      return;
    }
  }
}

/**
 * Removes what was copied from the previous build and not produced by this one: the page of an
 * article that was unpublished or deleted since. A file stays if this build wrote it or if
 * Astro's incremental manifest lists it as one of this build's pages (reused as it was). The
 * search index prunes its own article files.
 */
function prunePreviousPages(outDir: string, buildStartedMs: number, outputs: Set<string>): void {
  for (const entry of readdirSync(join(outDir, 'client'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const path = relative(outDir, file);
    if (path.startsWith(`${SEARCH_INDEX}/`)) continue;
    if (statSync(file).mtimeMs < buildStartedMs && !outputs.has(path)) removeFile(outDir, path);
  }
}

/**
 * Node's compile cache keeps V8's compiled Astro, Vite and site code between builds. It belongs to
 * the installed code, not to one site's build: kept beside the packages, it outlives the Astro
 * cache, so a cold build (no Astro cache, content store or pages) does not compile the toolchain
 * again, as a Hugo build does not compile Hugo. Node keys each entry by the module's source, so a
 * changed file is compiled anew; a reinstall starts it afresh.
 */
export const compileCache = join(rootDir, 'node_modules', '.cache', 'node-compile');

/**
 * libuv's thread pool (file writes, sharp's image work) no larger than the cores, where Node's
 * default is 4: on two cores, four of them crowd the threads that sync, render and resize. Cold
 * builds of 10,000 run in pairs on tmpfs were faster with 2 every time, by 1.3 to 4.2 s (six
 * pairs); on this disk two pairs showed no difference. It must be set when the process starts;
 * an UV_THREADPOOL_SIZE in the environment wins.
 */
const threadPool = { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE || String(Math.min(4, availableParallelism())) };

export interface WarmAstro {
  child: ChildProcess;
  /** Whether the worker loaded Astro and waits; false if it died first. */
  ready: Promise<boolean>;
}

/**
 * Starts a Node process that loads Astro now and builds when buildSite hands it a build
 * (scripts/lib/astro-worker.ts). The builder keeps one waiting between publishes. It does not
 * keep this process alive by itself; kill it when done.
 */
export function warmAstro(): WarmAstro {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./astro-worker.ts', import.meta.url))], {
    cwd: siteDir,
    env: { ...process.env, ...threadPool, NODE_COMPILE_CACHE: compileCache },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<boolean>((resolve) => {
    child.once('message', (message: { ready?: boolean }) => resolve(message.ready === true));
    child.once('exit', () => resolve(false));
    child.once('error', () => resolve(false));
  });
  child.unref();
  child.channel?.unref();
  return { child, ready };
}

/** Hands a build to a waiting worker; rejects as run() does when the build fails. */
function buildInWorker(warm: WarmAstro, env: NodeJS.ProcessEnv, verbose: boolean): Promise<void> {
  const { child } = warm;
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return reject(new Error('the waiting Astro worker exited before its build'));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`astro build (in a waiting worker) exited with ${code ?? signal}`));
    });
    child.send({ env, logLevel: verbose ? 'info' : 'silent' });
  });
}

/** Builds the site; resolves with what the incremental loaders synced. */
export async function buildSite(options: SiteBuildOptions): Promise<SyncReport[]> {
  linkDependencies(options.outDir);
  // Copies keep the previous build's times; everything Astro writes comes after this.
  const buildStartedMs = Date.now();
  const reusing = Boolean(
    options.reusePagesFrom && options.cacheDir && existsSync(join(options.reusePagesFrom, 'client')) && canReuse(options.reusePagesFrom, options.cacheDir),
  );
  // Pages left in outDir would be taken by Astro as current: only a copy it can trust may stay.
  if (!reusing) rmSync(options.outDir, { recursive: true, force: true });
  // The copy runs while Astro starts, syncs and bundles; integrations/copied-pages.ts holds page
  // generation until this marker says it is complete.
  const copiedMarker = join(tmpdir(), `loa-copied-${process.pid}-${Date.now()}`);
  let copyError = null as Error | null;
  const copying = reusing
    ? copyPreviousPages(options.reusePagesFrom!, options.outDir).then(
        () => writeFileSync(copiedMarker, 'ok'),
        (error: Error) => {
          copyError = error;
          writeFileSync(copiedMarker, error.message || 'unknown error');
        },
      )
    : null;
  const reportFile = join(tmpdir(), `loa-sync-${process.pid}-${Date.now()}.jsonl`);
  const env = {
    ...process.env,
    ...threadPool,
    NODE_COMPILE_CACHE: compileCache,
    ...options.env,
    CMS_URL: options.cmsUrl,
    CMS_TOKEN: options.cmsToken,
    SITE_URL: options.siteUrl,
    SITE_OUT_DIR: options.outDir,
    ...(options.cacheDir ? { ASTRO_CACHE_DIR: options.cacheDir, ASTRO_KEY: buildKey(options.cacheDir) } : {}),
    LOA_SYNC_REPORT: reportFile,
    ...(reusing ? { LOA_PAGES_COPIED: copiedMarker } : {}),
  };
  // LOA_VERBOSE_BUILD=1 shows Astro's own output (timings, skipped pages) when profiling;
  // LOA_CPU_PROF=<folder> writes a V8 CPU profile of each build there.
  const verbose = Boolean(process.env.LOA_VERBOSE_BUILD);
  // Held by this build while it waits for the worker to be ready, so the wait keeps Node alive.
  options.warm?.child.ref();
  options.warm?.child.channel?.ref();
  const warm = options.warm && !options.timeFile && !process.env.LOA_CPU_PROF && (await options.warm.ready) ? options.warm : null;
  if (options.warm && !warm) options.warm.child.kill();
  const command = [
    process.execPath,
    ...(process.env.LOA_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOA_CPU_PROF}`] : []),
    astroBin,
    'build',
    ...(verbose ? [] : ['--silent']),
  ];
  const [bin, ...args] = options.timeFile ? ['/usr/bin/time', '-f', '%e %U %S %M', '-o', options.timeFile, ...command] : command;
  await (warm ? buildInWorker(warm, env, verbose) : run(bin, args, { cwd: siteDir, env })).finally(async () => {
    await copying;
    rmSync(copiedMarker, { force: true });
  });
  if (copyError) throw copyError;
  const manifest = options.cacheDir ? readManifest(options.cacheDir) : null;
  if (reusing) {
    if (!manifest) throw new Error(`Astro left no incremental manifest in ${options.cacheDir}: cannot tell stale pages from current ones`);
    prunePreviousPages(options.outDir, buildStartedMs, manifest.outputs());
  }
  if (manifest) writeFileSync(join(options.outDir, MANIFEST_STAMP), manifest.digest);
  try {
    return readFileSync(reportFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as SyncReport);
  } catch {
    return [];
  } finally {
    rmSync(reportFile, { force: true });
  }
}
