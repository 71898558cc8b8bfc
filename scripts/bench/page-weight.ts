// Benchmark: bytes a first visit transfers, compressed as a static host would send them (gzip
// for text, images and fonts as they are), for the home page and an article, and the bytes a
// first search transfers. Measured in a real Chromium against the built portal served locally.
//
//   node scripts/bench/page-weight.ts <built-client-dir> [article-path] [search-query]
//
// e.g. after `npm start`: node scripts/bench/page-weight.ts site/current/client
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../lib/process.ts';
import { serveStatic } from '../lib/static-server.ts';
import { chromiumFlags, chromiumPath } from '../lib/chromium.ts';

const [clientDir, articleArg, query = 'dich vu cong truc tuyen'] = process.argv.slice(2);
if (!clientDir) {
  console.error('usage: node scripts/bench/page-weight.ts <built-client-dir> [article-path] [search-query]');
  process.exit(2);
}

const port = await freePort();
const server = await serveStatic(clientDir, port);
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });

const TEXT = /\.(html|css|js|mjs|json|xml|svg|txt)$|\/$/;
type Kind = 'html' | 'css' | 'js' | 'data' | 'fonts' | 'images';
const kinds = (path: string): Kind =>
  /\.(woff2?)$/.test(path)
    ? 'fonts'
    : /\.(css)$/.test(path)
      ? 'css'
      : /\.(m?js)$/.test(path)
        ? 'js'
        : /\.json$/.test(path)
          ? 'data'
          : /\.(webp|jpe?g|png|avif|svg)$/.test(path)
            ? 'images'
            : 'html';

/** Compressed size of a served file: gzip for text, as stored otherwise. */
function wireBytes(path: string): number {
  const file = join(clientDir, decodeURIComponent(path.endsWith('/') ? `${path}index.html` : path));
  const body = readFileSync(file);
  return TEXT.test(path) ? gzipSync(body, { level: 9 }).length : body.length;
}

async function visit(path: string, action?: (page: import('playwright-core').Page) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.origin === base) requested.push(url.pathname);
  });
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  const before = requested.length;
  if (action) {
    await action(page);
    await page.waitForLoadState('networkidle');
  }
  await context.close();
  const sum = (paths: string[]) => {
    const totals: Record<Kind, number> = { html: 0, css: 0, js: 0, data: 0, fonts: 0, images: 0 };
    for (const p of paths) totals[kinds(p)] += wireBytes(p);
    return { ...totals, total: Object.values(totals).reduce((a, b) => a + b, 0), requests: paths.length };
  };
  return { first: sum(requested.slice(0, before)), after: sum(requested.slice(before)) };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const home = await visit('/');
const articlePath =
  articleArg ??
  (await (async () => {
    const html = readFileSync(join(clientDir, 'tin-tuc', 'index.html'), 'utf8');
    return /href="(\/tin-tuc\/[^"/]+\/)"/.exec(html)![1];
  })());
const article = await visit(articlePath);
const search = await visit('/tim-kiem/', async (page) => {
  await page.fill('#q', query);
  await page.click('.search-form button[type=submit]');
  await page
    .locator('[data-search-status]')
    .filter({ hasText: /Tìm thấy|Không tìm thấy/ })
    .waitFor();
});
const articles = readFileSync(join(clientDir, 'sitemap-0.xml'), 'utf8').match(/\/tin-tuc\/[^/<]+\/</g)?.length ?? 0;

console.log(`page          html       css        js         data       fonts      images     total      requests`);
for (const [name, r] of [
  ['home', home.first],
  ['article', article.first],
  ['search page', search.first],
  [`search "${query}"`, search.after],
] as const) {
  console.log(
    `${name.padEnd(13)} ${kib(r.html).padEnd(10)} ${kib(r.css).padEnd(10)} ${kib(r.js).padEnd(10)} ${kib(r.data).padEnd(10)} ${kib(r.fonts).padEnd(10)} ${kib(r.images).padEnd(10)} ${kib(r.total).padEnd(10)} ${r.requests}`,
  );
}
console.log(`first search total (page + query): ${kib(search.first.total + search.after.total)} with ${articles} articles in the index`);
// The whole index as stored (a search downloads only a few of these files).
const indexDir = join(clientDir, 'tim-kiem', 'du-lieu');
const indexFiles = readdirSync(indexDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
const stored = indexFiles.map((entry) => readFileSync(join(entry.parentPath, entry.name)));
const raw = stored.reduce((sum, body) => sum + body.length, 0);
const gz = stored.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
console.log(`search index: ${indexFiles.length} files, ${kib(raw)} raw, ${kib(gz)} gzip; per 1,000 articles ${kib((gz * 1000) / articles)} gzip`);
await browser.close();
server.close();
