// Benchmark: Pagefind (https://pagefind.app) over the built portal, as a yardstick for the
// portal's own search. Indexes the article pages with Pagefind's Node API a few times (wall
// time of createIndex + addDirectory + writeFiles, the backend's start included), counts the
// files and bytes it writes, then measures in a real Chromium the bytes a first search through
// Pagefind's documented JS API transfers, compressed as a static host would send them.
//
//   PAGEFIND_DIR=/tmp/pagefind-measure node scripts/bench/pagefind.ts <built-client-dir> [runs] [query ...]
//
// Pagefind is not a dependency of the project: install it anywhere (`npm install pagefind@1.6`
// in a scratch folder, its platform binary comes as an optional dependency) and point
// PAGEFIND_DIR at that folder or at the package itself. PAGEFIND_ROOT_SELECTOR (e.g.
// article.article) indexes only that element of each page instead of Pagefind's default, the
// body. The built site is copied to a fresh folder under the temporary directory (TMPDIR) and
// only the copy is written to. The portal's CSP blocks Pagefind's WebAssembly: the search is
// tried once with it as it is, then measured with 'wasm-unsafe-eval' added to script-src.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../lib/process.ts';
import { serveStatic } from '../lib/static-server.ts';
import { chromiumFlags, chromiumPath } from '../lib/chromium.ts';

const [clientArg, runsArg = '5', ...queryArgs] = process.argv.slice(2);
if (!clientArg) {
  console.error('usage: PAGEFIND_DIR=<folder with pagefind> node scripts/bench/pagefind.ts <built-client-dir> [runs] [query ...]');
  process.exit(2);
}
const runs = Number(runsArg);
const queries = queryArgs.length > 0 ? queryArgs : ['dich vu cong truc tuyen', 'đăng ký kết hôn'];
/** Article pages only: tin-tuc/<slug>/index.html (the list pages are tin-tuc/trang/<n>/index.html, one level deeper). */
const ARTICLES = 'tin-tuc/*/index.html';

// The parts of Pagefind's Node API used here (the package's types/index.d.ts).
type Answer = { errors: string[] };
interface PagefindIndex {
  addDirectory(dir: { path: string; glob?: string }): Promise<Answer & { page_count: number }>;
  writeFiles(options: { outputPath: string }): Promise<Answer & { outputPath: string }>;
  deleteIndex(): Promise<null>;
}
interface PagefindApi {
  createIndex(config?: Record<string, unknown>): Promise<Answer & { index?: PagefindIndex }>;
  close(): Promise<null>;
}

/** Pagefind's package: PAGEFIND_DIR (the package, or a folder whose node_modules holds it), else a normal import. */
async function loadPagefind(): Promise<{ api: PagefindApi; version: string }> {
  const base = process.env.PAGEFIND_DIR;
  if (!base) {
    const api = (await import('pagefind' as string)) as PagefindApi;
    return { api, version: 'unknown (resolved from the project)' };
  }
  const dir = [resolve(base), resolve(base, 'node_modules', 'pagefind')].find(
    (d) => existsSync(join(d, 'package.json')) && JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).name === 'pagefind',
  );
  if (!dir) throw new Error(`no pagefind package in ${base} or ${join(base, 'node_modules', 'pagefind')}`);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entry: string = pkg.exports?.['.']?.import ?? pkg.main;
  return { api: (await import(pathToFileURL(join(dir, entry)).href)) as PagefindApi, version: pkg.version };
}

function check<T extends Answer>(step: string, answer: T): T {
  if (answer.errors.length > 0) throw new Error(`pagefind ${step}: ${answer.errors.join('; ')}`);
  return answer;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * CPU seconds (user + system) of this process's children that have exited, on Linux: Pagefind's
 * backend once it is gone. Less disturbed than wall time by other work on a busy machine.
 */
function childCpu(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in ticks of 1/100 s
}
/** Waits (up to 5 s) for the stopped backend to be reaped, so its CPU time is counted. */
async function backendCpu(before: number | null): Promise<number | null> {
  for (let waited = 0; before !== null && waited < 5000; waited += 50) {
    const now = childCpu()!;
    if (now !== before) return now - before;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

const { api: pagefind, version } = await loadPagefind();
// The build `current` points at now: a running portal recycles its oldest build, never this one.
const clientDir = realpathSync(clientArg);
const rootSelector = process.env.PAGEFIND_ROOT_SELECTOR;
const work = mkdtempSync(join(tmpdir(), 'pagefind-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const site = join(work, 'client');
cpSync(clientDir, site, { recursive: true, dereference: true });
const outDir = join(site, 'pagefind');
const articles = readFileSync(join(site, 'sitemap-0.xml'), 'utf8').match(/\/tin-tuc\/[^/<]+\/</g)?.length ?? 0;
console.log(`pagefind ${version}; ${clientDir} copied to ${site}; ${articles} articles in the sitemap; rootSelector ${rootSelector ?? "Pagefind's default"}`);

// 1. Index time: each run starts Pagefind's backend afresh and writes into an empty folder.
const times: { total: number; add: number; write: number; load: number; cpu: number | null }[] = [];
let pages = 0;
for (let run = 1; run <= runs; run++) {
  rmSync(outDir, { recursive: true, force: true });
  const load = loadavg()[0];
  const cpuBefore = childCpu();
  const start = performance.now();
  const { index } = check('createIndex', await pagefind.createIndex(rootSelector ? { rootSelector } : {}));
  if (!index) throw new Error('pagefind createIndex: no index');
  pages = check('addDirectory', await index.addDirectory({ path: site, glob: ARTICLES })).page_count;
  const added = performance.now();
  check('writeFiles', await index.writeFiles({ outputPath: outDir }));
  const end = performance.now();
  await index.deleteIndex();
  await pagefind.close();
  const cpu = await backendCpu(cpuBefore);
  if (pages !== articles) console.warn(`warning: Pagefind indexed ${pages} pages, the sitemap lists ${articles} articles`);
  times.push({ total: end - start, add: added - start, write: end - added, load, cpu });
  console.log(
    `run ${run}: ${secs(end - start)} (createIndex + addDirectory ${secs(added - start)}, writeFiles ${secs(end - added)}), ${pages} pages, backend CPU ${cpu === null ? '?' : `${cpu.toFixed(2)} s`}, load average ${load.toFixed(2)} before`,
  );
}
console.log(
  `index time, median of ${runs}: ${secs(median(times.map((t) => t.total)))} (addDirectory ${secs(median(times.map((t) => t.add)))}, writeFiles ${secs(median(times.map((t) => t.write)))}); backend CPU ${
    times.every((t) => t.cpu !== null) ? `${median(times.map((t) => t.cpu!)).toFixed(2)} s` : '?'
  }`,
);

// What it wrote: files and bytes, as stored and as a static host would send them.
const GZIP = (body: Buffer) => body.length > 2 && body[0] === 0x1f && body[1] === 0x8b;
const TEXT = /\.(html|css|js|mjs|json|xml|svg|txt)$/;
/** Bytes on the wire: files Pagefind already gzipped (pf_* chunks, the wasm) as stored, other text gzipped, the rest as stored. */
const wireBytes = (path: string, body: Buffer) => (GZIP(body) ? body.length : TEXT.test(path) ? gzipSync(body, { level: 9 }).length : body.length);
const kind = (path: string) =>
  /\.pf_(index|fragment|meta|filter)$/.exec(path)?.[0].slice(1) ??
  (/\.pagefind$/.test(path) ? 'wasm' : /\.js$/.test(path) ? 'js' : /\.css$/.test(path) ? 'css' : /\.json$/.test(path) ? 'json' : 'other');
const written = readdirSync(outDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => {
    const path = relative(outDir, join(entry.parentPath, entry.name));
    const body = readFileSync(join(outDir, path));
    return { path, kind: kind(path), raw: body.length, wire: wireBytes(path, body), gzipped: GZIP(body) };
  });
const table = (rows: { kind: string; raw?: number; wire: number }[], withRaw: boolean) => {
  const groups = new Map<string, { files: number; raw: number; wire: number }>();
  for (const row of rows) {
    const group = groups.get(row.kind) ?? { files: 0, raw: 0, wire: 0 };
    group.files++;
    group.raw += row.raw ?? 0;
    group.wire += row.wire;
    groups.set(row.kind, group);
  }
  const total = { files: rows.length, raw: rows.reduce((s, r) => s + (r.raw ?? 0), 0), wire: rows.reduce((s, r) => s + r.wire, 0) };
  for (const [name, g] of [...[...groups].sort((a, b) => b[1].wire - a[1].wire), ['total', total] as const]) {
    console.log(
      `  ${String(name).padEnd(12)} ${String(g.files).padStart(5)} files  ${withRaw ? `${kib(g.raw).padStart(11)} stored  ` : ''}${kib(g.wire).padStart(10)} on the wire`,
    );
  }
};
console.log(`pagefind wrote ${written.length} files (${written.filter((f) => f.gzipped).length} already gzip):`);
table(written, true);

// 2. Bytes of a first search: a blank page of the site loads /pagefind/pagefind.js, searches, and
// loads the first ten results' data. The server records every request (the page's and the
// worker's), in a fresh browser context (empty cache) per query.
writeFileSync(
  join(site, 'pagefind-bench.html'),
  '<!doctype html><html lang="vi"><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind</title></html>\n',
);
const port = await freePort();
const server = await serveStatic(site, port);
const base = `http://127.0.0.1:${port}`;
// The portal's CSP has no 'wasm-unsafe-eval', which Pagefind's WebAssembly needs: measure with
// the portal's headers as they are, then with that one source added, as adopting Pagefind would.
let allowWasm = false;
let requested: { path: string; status: number }[] | null = null;
server.prependListener('request', (req, res) => {
  const log = requested;
  if (log) res.on('finish', () => log.push({ path: new URL(req.url ?? '/', base).pathname, status: res.statusCode }));
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    setHeader(
      name,
      allowWasm && name.toLowerCase() === 'content-security-policy'
        ? String(value).replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
        : value,
    );
});
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });

type Found = { count: number; titles: string[] };
async function firstSearch(
  query: string,
): Promise<{ found: Found | null; error?: string; console: string[]; paths: { path: string; status: number }[]; ms: number }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') messages.push(message.text().split('\n')[0]);
  });
  await page.goto(`${base}/pagefind-bench.html`, { waitUntil: 'networkidle' });
  requested = [];
  const start = performance.now();
  let found: Found | null = null;
  let error: string | undefined;
  try {
    found = await page.evaluate(async (q: string) => {
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 20 s')), 20_000));
      const search = async () => {
        const api = await import('/pagefind/pagefind.js' as string);
        const answer = await api.search(q);
        const data = await Promise.all(answer.results.slice(0, 10).map((result: { data: () => Promise<{ meta: { title: string } }> }) => result.data()));
        return { count: answer.results.length as number, titles: data.map((d) => d.meta.title) };
      };
      return Promise.race([search(), timeout]);
    }, query);
  } catch (e) {
    error = (e as Error).message.split('\n')[0];
  }
  const ms = performance.now() - start;
  await page.waitForLoadState('networkidle');
  const paths = requested!;
  requested = null;
  await context.close();
  return { found, error, console: messages, paths, ms };
}

function report(label: string, result: Awaited<ReturnType<typeof firstSearch>>) {
  const failed = result.paths.filter((r) => r.status !== 200);
  const rows = result.paths
    .filter((r) => r.status === 200)
    .map(({ path }) => ({ path, kind: kind(path), wire: wireBytes(path, readFileSync(join(site, decodeURIComponent(path)))) }));
  const outcome = result.found
    ? `${result.found.count} results; first: ${result.found.titles.slice(0, 3).join(' | ')}`
    : `failed: ${result.error}; console: ${result.console.slice(0, 2).join(' / ')}`;
  console.log(`${label}: ${outcome} (${secs(result.ms)})`);
  table(rows, false);
  const chunks = rows.filter((r) => r.kind === 'pf_index').length;
  console.log(`  requests: ${rows.length} (${chunks} index chunks, ${rows.filter((r) => r.kind === 'pf_fragment').length} fragments)`);
  if (failed.length > 0) console.log(`  not counted: ${failed.map((r) => `${r.status} ${r.path}`).join(', ')}`);
}

const probe = await firstSearch(queries[0]);
console.log(
  probe.found
    ? `with the portal's own CSP: search works (${probe.found.count} results)`
    : `with the portal's own CSP: search fails: ${probe.error}; console: ${probe.console.slice(0, 3).join(' / ')}; requests: ${probe.paths.map((r) => `${r.status} ${r.path}`).join(', ')}`,
);
allowWasm = true;
for (const query of queries) report(`first search "${query}" (CSP + 'wasm-unsafe-eval')`, await firstSearch(query));

await browser.close();
server.close();
