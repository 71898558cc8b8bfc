// `npm run check`: what CI checks besides the tests, and what to run before committing.
// Typechecks every workspace (tsc; `astro check` for the site, whose content types are generated
// from the collections' schemas without a CMS: LOA_TYPES_ONLY, in a cache folder of its own) and
// runs Biome's linter and formatter check over the repository (biome.json).
// `npm run check -- --write` lets Biome fix what it can first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootDir } from './lib/paths.ts';
import { run } from './lib/process.ts';

const tsc = join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc');
const biome = join(rootDir, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const astro = join(rootDir, 'site', 'node_modules', 'astro', 'bin', 'astro.mjs');
const write = process.argv.includes('--write');

const typesCache = mkdtempSync(join(tmpdir(), 'loa-check-'));
const checks: Array<[string, string, string[], string]> = [
  ['lint and format (Biome)', biome, write ? ['check', '--write', '.'] : ['ci', '.'], rootDir],
  ...['cms', 'shared', 'scripts', 'tests'].map((workspace): [string, string, string[], string] => [
    `typecheck ${workspace}`,
    process.execPath,
    [tsc, '--noEmit', '-p', '.'],
    join(rootDir, workspace),
  ]),
  // The admin panel's customisations (src/admin: app.tsx, the home page widget) have their own tsconfig.
  ['typecheck cms admin panel', process.execPath, [tsc, '--noEmit', '-p', 'src/admin'], join(rootDir, 'cms')],
  ['typecheck site (astro check)', process.execPath, [astro, 'check'], join(rootDir, 'site')],
];
const env = { ...process.env, LOA_TYPES_ONLY: '1', ASTRO_CACHE_DIR: typesCache };

const failed: string[] = [];
for (const [name, command, args, cwd] of checks) {
  console.log(`\n▶ ${name}`);
  await run(command, args, { cwd, env }).catch(() => failed.push(name));
}
rmSync(typesCache, { recursive: true, force: true });
if (failed.length) {
  console.error(`\n✖ Failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\n✔ All checks passed');
