// Building the Astro site, shared by `npm start` and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    let failure = '';
    child.on('message', (message: { error?: string }) => {
      if (message.error) failure = message.error;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`astro build (in a waiting worker) exited with ${code ?? signal}${failure ? `: ${failure}` : ''}`));
    });
    child.send({ env, logLevel: verbose ? 'info' : 'silent' });
  });
}

/** Builds the site; resolves with what the incremental loaders synced. */
export async function buildSite(options: SiteBuildOptions): Promise<SyncReport[]> {
  linkDependencies(options.outDir);
  // Astro writes every page of the build into an empty outDir: unchanged ones from its
  // incremental cache (experimental.incrementalBuild), the rest rendered.
  rmSync(options.outDir, { recursive: true, force: true });
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
  await (warm ? buildInWorker(warm, env, verbose) : run(bin, args, { cwd: siteDir, env }));
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
