// Building and running the CMS as a child process, shared by `npm start` and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmsDir, rootDir } from './paths.ts';
import { run, waitForHttp } from './process.ts';
import type { SetupResult } from '../cms/setup.ts';

const strapiBin = join(cmsDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const tscBin = join(cmsDir, 'node_modules', 'typescript', 'bin', 'tsc');

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) hashTree(hash, join(path, name));
  } else {
    hash.update(path).update(readFileSync(path));
  }
}

/** Compiles the CMS's server code (config, content types, hooks) into cms/dist. */
export async function compileCms(): Promise<void> {
  await run(process.execPath, [tscBin, '-p', join(cmsDir, 'tsconfig.json')], { cwd: cmsDir });
}

/**
 * Compiles the CMS's server code, and rebuilds the admin panel only when something it depends on
 * changed since the last build: that takes half a minute and 2 GB, so a second start skips it.
 * Returns whether the admin panel was rebuilt.
 */
export async function buildCms(env: NodeJS.ProcessEnv): Promise<boolean> {
  const hash = createHash('sha256');
  for (const path of ['src/admin', 'package.json', 'config/admin.ts']) hashTree(hash, join(cmsDir, path));
  hashTree(hash, join(rootDir, 'pnpm-lock.yaml'));
  const stamp = hash.digest('hex');
  const stampFile = join(cmsDir, 'dist', 'build', '.loa-admin-stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    await compileCms();
    return false;
  }
  // `strapi build` compiles the server code too.
  await run(process.execPath, [strapiBin, 'build', '--minify'], { cwd: cmsDir, env: { ...env, NODE_OPTIONS: '--max-old-space-size=4096' } });
  writeFileSync(stampFile, stamp);
  return true;
}

export interface CmsProcess {
  child: ChildProcess;
  url: string;
  setup: SetupResult;
}

/**
 * Starts the CMS (scripts/cms/server.ts): it runs the setup (admin, token, labels, seed) and
 * listens. Resolves once /_health answers, with the setup's result.
 */
export async function startCms(options: {
  env: NodeJS.ProcessEnv;
  port: number;
  resultFile: string;
  quiet?: boolean;
  timeoutMs?: number;
}): Promise<CmsProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [join(rootDir, 'scripts', 'cms', 'server.ts')], {
    cwd: cmsDir,
    env: { ...options.env, HOST: '127.0.0.1', PORT: String(options.port), LOA_SETUP_RESULT: options.resultFile, NODE_ENV: 'production' },
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  const output: string[] = [];
  if (options.quiet) {
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => output.push(String(chunk)));
  }
  try {
    await waitForHttp(`${url}/_health`, child, options.timeoutMs ?? 180_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`The CMS did not start: ${(error as Error).message}\n${output.join('').slice(-4000)}`);
  }
  const setup = JSON.parse(readFileSync(options.resultFile, 'utf8')) as SetupResult;
  return { child, url, setup };
}
