// Coverage of the Strapi admin's Vietnamese translations.
//
//   node scripts/admin-translations-coverage.ts            table per package; exit 1 on a gap in
//                                                           content-manager or upload
//   node scripts/admin-translations-coverage.ts --missing  also print, as JSON, every English key
//                                                           (merged-table name → English text) that
//                                                           neither Strapi's vi nor ours covers
//   node scripts/admin-translations-coverage.ts --cms DIR  check another copy of the CMS
//
// It reads the English and Vietnamese tables that each admin package ships (compiled to
// dist/**/translations/<locale>.json.js), names every key the way the admin's merged message table
// does (see PACKAGES below and cms/src/admin/translations/README.md), and compares them with
// cms/src/admin/translations/vi.json. Packages are found with Node's resolver starting from the CMS,
// so the pnpm store layout (.pnpm/<name>@<version>_<peer hash>/…) never appears here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Messages = Record<string, string>;

interface PackageSpec {
  /** npm name of the package. */
  name: string;
  /**
   * Prefix of its keys in the merged table: '' for @strapi/admin (its tables are used as they
   * are), otherwise the id its `registerTrads` passes to `prefixPluginTranslations`, which makes
   * `${id}.${key}`.
   */
  prefix: string;
  /** Packages whose uncovered keys make the script fail. */
  required: boolean;
}

// Ids as in each package's dist/admin/index.js `registerTrads` (Strapi 5.54):
//   content-manager       constants/plugin.js PLUGIN_ID
//   upload                pluginId.js: package name without "@strapi/"
//   content-type-builder  pluginId.js
//   i18n                  pluginId.js
//   review-workflows      constants.js PLUGIN_ID
//   content-releases      literal 'content-releases'
//   email                 literal 'email'
const PACKAGES: PackageSpec[] = [
  { name: '@strapi/admin', prefix: '', required: false },
  { name: '@strapi/content-manager', prefix: 'content-manager', required: true },
  { name: '@strapi/upload', prefix: 'upload', required: true },
  { name: '@strapi/content-type-builder', prefix: 'content-type-builder', required: false },
  { name: '@strapi/i18n', prefix: 'i18n', required: false },
  { name: '@strapi/review-workflows', prefix: 'review-workflows', required: false },
  { name: '@strapi/content-releases', prefix: 'content-releases', required: false },
  { name: '@strapi/email', prefix: 'email', required: false },
];

interface Options {
  cmsDir: string;
  showMissing: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    cmsDir: fileURLToPath(new URL('../cms/', import.meta.url)),
    showMissing: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--missing') options.showMissing = true;
    else if (arg === '--cms' && argv[i + 1]) options.cmsDir = resolve(argv[++i]);
    else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

/**
 * Resolves a package the way the CMS build does: first as a dependency of the CMS itself, then as a
 * dependency of @strapi/strapi (which bundles the core plugins). Returns the package's root folder.
 */
function findPackageRoot(name: string, cmsDir: string): string {
  const fromCms = createRequire(join(cmsDir, 'package.json'));
  const bases = [fromCms];
  try {
    bases.push(createRequire(fromCms.resolve('@strapi/strapi')));
  } catch {
    // No @strapi/strapi: only direct dependencies can be found.
  }
  for (const base of bases) {
    // Entry points differ between packages; any one that resolves leads to the package root.
    for (const request of [`${name}/package.json`, `${name}/strapi-admin`, name]) {
      let entry: string;
      try {
        entry = base.resolve(request);
      } catch {
        continue;
      }
      for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
      }
    }
  }
  throw new Error(`cannot resolve ${name} from ${cmsDir} (is the workspace installed?)`);
}

const EN_FILES = ['en.json.js', 'en.json.mjs', 'en.json'];

/** The admin-side translations folder of a package: the one under dist/ that holds en.json(.js). */
function findTranslationsDir(root: string): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules') continue;
      const path = join(dir, entry);
      if (!statSync(path).isDirectory()) continue;
      if (entry === 'translations' && EN_FILES.some((file) => existsSync(join(path, file)))) found.push(path);
      else walk(path);
    }
  };
  walk(existsSync(join(root, 'dist')) ? join(root, 'dist') : root);
  if (found.length === 0) throw new Error(`no translations folder with an English table under ${root}`);
  // Prefer the admin bundle's copy should a package ever ship more than one.
  found.sort((a, b) => Number(!a.includes('admin')) - Number(!b.includes('admin')) || a.length - b.length);
  return found[0];
}

/** Loads `<locale>.json.js` (CommonJS), `.json.mjs` (ESM) or plain `.json`; {} when absent. */
async function loadTable(dir: string, locale: string): Promise<Messages> {
  const base = join(dir, `${locale}.json`);
  let data: unknown;
  if (existsSync(`${base}.js`)) {
    const loaded = createRequire(`${base}.js`)(`${base}.js`) as { __esModule?: boolean; default?: unknown };
    data = loaded?.__esModule ? loaded.default : loaded;
  } else if (existsSync(`${base}.mjs`)) {
    data = ((await import(pathToFileURL(`${base}.mjs`).href)) as { default: unknown }).default;
  } else if (existsSync(base)) {
    data = JSON.parse(readFileSync(base, 'utf8'));
  } else {
    return {};
  }
  if (!data || typeof data !== 'object') throw new Error(`unexpected content in ${base}`);
  const table: Messages = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') table[key] = value;
  return table;
}

function prefixed(table: Messages, prefix: string): Messages {
  if (!prefix) return table;
  const out: Messages = {};
  for (const [key, value] of Object.entries(table)) out[`${prefix}.${key}`] = value;
  return out;
}

interface Row {
  spec: PackageSpec;
  version: string;
  en: number;
  shipped: number;
  ours: number;
  missing: Messages;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const oursPath = join(options.cmsDir, 'src', 'admin', 'translations', 'vi.json');
  const ours: Messages = existsSync(oursPath) ? JSON.parse(readFileSync(oursPath, 'utf8')) : {};
  if (!existsSync(oursPath)) console.warn(`warning: ${oursPath} does not exist`);

  const rows: Row[] = [];
  const allEnglish = new Set<string>();
  for (const spec of PACKAGES) {
    const root = findPackageRoot(spec.name, options.cmsDir);
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
    const dir = findTranslationsDir(root);
    const en = prefixed(await loadTable(dir, 'en'), spec.prefix);
    const vi = prefixed(await loadTable(dir, 'vi'), spec.prefix);
    const row: Row = { spec, version, en: 0, shipped: 0, ours: 0, missing: {} };
    for (const [key, text] of Object.entries(en)) {
      allEnglish.add(key);
      row.en++;
      const inShipped = key in vi;
      const inOurs = key in ours;
      if (inShipped) row.shipped++;
      if (inOurs) row.ours++;
      if (!inShipped && !inOurs) row.missing[key] = text;
    }
    rows.push(row);
  }

  const header = ['package', 'version', 'en keys', 'shipped vi', 'ours', 'covered', 'missing'];
  const lines = rows.map((row) => {
    const missing = Object.keys(row.missing).length;
    return [row.spec.name, row.version, row.en, row.shipped, row.ours, row.en - missing, missing].map(String);
  });
  const total = (column: number): string => String(lines.reduce((sum, line) => sum + Number(line[column]), 0));
  lines.push(['total', '', total(2), total(3), total(4), total(5), total(6)]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]): string =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log('\n"shipped vi" and "ours" count English keys; a key in both is counted in both (ours wins).');

  const unknown = Object.keys(ours).filter((key) => !allEnglish.has(key));
  if (unknown.length > 0) {
    console.log(`\n${unknown.length} key(s) in ${oursPath} match no English key (renamed or removed upstream?):`);
    for (const key of unknown) console.log(`  ${key}`);
  }

  if (options.showMissing) {
    const missing: Messages = {};
    for (const row of rows) Object.assign(missing, row.missing);
    console.log('\nMissing keys (merged-table name → English text):');
    console.log(JSON.stringify(missing, null, 2));
  }

  const failing = rows.filter((row) => row.spec.required && Object.keys(row.missing).length > 0);
  for (const row of failing) {
    console.error(`\n✖ ${row.spec.name}: ${Object.keys(row.missing).length} English key(s) have no Vietnamese text:`);
    for (const key of Object.keys(row.missing)) console.error(`  ${key}`);
  }
  return failing.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
