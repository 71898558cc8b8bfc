// Lighthouse mobile scores (performance, accessibility, best practices, SEO) and layout shift for
// the home page, an article and a shared search link of a built portal, served locally, in
// Debian's Chromium. Median of several runs.
//
//   node scripts/bench/lighthouse.ts <built-client-dir> [runs]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { freePort } from '../lib/process.ts';
import { serveStatic } from '../lib/static-server.ts';
import { chromiumFlags, chromiumPath } from '../lib/chromium.ts';

const [clientDir, runsArg = '3'] = process.argv.slice(2);
if (!clientDir) {
  console.error('usage: node scripts/bench/lighthouse.ts <built-client-dir> [runs]');
  process.exit(2);
}
const runs = Number(runsArg);
const port = await freePort();
const server = await serveStatic(clientDir, port);
const base = `http://127.0.0.1:${port}`;
const article = /href="(\/tin-tuc\/[^"/]+\/)"/.exec(readFileSync(join(clientDir, 'tin-tuc', 'index.html'), 'utf8'))![1];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

const chrome = await launch({ chromePath: chromiumPath, chromeFlags: ['--headless=new', ...chromiumFlags] });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`page       ${categories.map((c) => c.padEnd(15)).join('')}CLS     (median of ${runs} runs, mobile)`);
for (const [name, path] of [
  ['home', '/'],
  ['article', article],
  ['search ?q=', '/tim-kiem/?q=dich+vu+cong+truc+tuyen'],
] as const) {
  const scores: Record<string, number[]> = Object.fromEntries(categories.map((c) => [c, []]));
  const shifts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await lighthouse(`${base}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
    for (const category of categories) scores[category].push(Math.round((result!.lhr.categories[category].score ?? 0) * 100));
    shifts.push(Number(result!.lhr.audits['cumulative-layout-shift'].numericValue ?? 0));
  }
  console.log(`${name.padEnd(10)} ${categories.map((c) => String(median(scores[c])).padEnd(15)).join('')}${median(shifts).toFixed(3)}`);
}
chrome.kill();
server.close();
