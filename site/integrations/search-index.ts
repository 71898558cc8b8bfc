// Writes the search index of /tim-kiem/ after every build, from the article pages the build has
// just written: only what residents can already read gets indexed, so a draft can never reach
// the index. The format and the search itself live in @loa/shared/search.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { decodeHTML } from 'entities';
import { buildSearchIndex, type SearchDocument } from '@loa/shared/search';

/** Where the index is served; the search page (src/pages/tim-kiem/) fetches from here. */
const SEARCH_INDEX_PATH = 'tim-kiem/du-lieu';

const ARTICLE_PAGE = /^tin-tuc\/(?!trang\/)[^/]+\/$/;

/** Plain text of an HTML fragment of our own pages: tags become spaces, entities characters. */
function text(html: string): string {
  return decodeHTML(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The indexed parts of a built article page, or null for a page without them. */
function readArticlePage(html: string, url: string): SearchDocument | null {
  const article = /<article\b[^>]*\bdata-search-date="([^"]+)"[^>]*>/.exec(html);
  if (!article) return null;
  const areas = /\bdata-search-areas="([^"]*)"/.exec(article[0])?.[1] ?? '';
  const part = (name: string) => new RegExp(`<(\\w+)\\b[^>]*\\bdata-search="${name}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html)?.[2];
  const start = html.indexOf('<!--search-body-->');
  const end = html.indexOf('<!--/search-body-->', start);
  const title = part('title');
  const dateLabel = part('date');
  if (title === undefined || dateLabel === undefined || start < 0 || end < 0) {
    throw new Error(`${url}: the article page lacks the title, date or body markers the search index reads`);
  }
  return {
    url,
    title: text(title),
    dateLabel: text(dateLabel),
    date: article[1],
    areas: areas.split(' ').filter(Boolean),
    summary: text(part('summary') ?? ''),
    body: text(html.slice(start, end)),
  };
}

export default function searchIndex(): AstroIntegration {
  return {
    name: 'loa-search-index',
    hooks: {
      'astro:build:done': async ({ pages, dir, logger }) => {
        const started = performance.now();
        const root = fileURLToPath(dir);
        const articlePaths = pages.map((page) => page.pathname).filter((path) => ARTICLE_PAGE.test(path));
        const documents: SearchDocument[] = [];
        // Read in batches: thousands of pages at once would exhaust file handles.
        for (let i = 0; i < articlePaths.length; i += 64) {
          const batch = await Promise.all(
            articlePaths.slice(i, i + 64).map(async (path) => readArticlePage(await readFile(`${root}${path}index.html`, 'utf8'), `/${path}`)),
          );
          for (const doc of batch) if (doc) documents.push(doc);
        }
        const index = buildSearchIndex(documents);
        // Every build writes its index into a folder named by its content: a browser that loaded
        // meta.json from the previous build never mixes its ids with this build's shards.
        const files: [string, string][] = [
          ...[...index.shards].map(([number, shard]) => [`s/${number}.json`, JSON.stringify(shard)] as [string, string]),
          ...index.fragments.map((fragment, id) => [`f/${id}.json`, JSON.stringify(fragment)] as [string, string]),
        ];
        const version = createHash('sha256');
        for (const [name, body] of files) version.update(name).update(body);
        const folder = version.digest('hex').slice(0, 12);
        const out = `${root}${SEARCH_INDEX_PATH}/`;
        await rm(out, { recursive: true, force: true });
        await mkdir(`${out}${folder}/s`, { recursive: true });
        await mkdir(`${out}${folder}/f`, { recursive: true });
        for (let i = 0; i < files.length; i += 256) {
          await Promise.all(files.slice(i, i + 256).map(([name, body]) => writeFile(`${out}${folder}/${name}`, body)));
        }
        await writeFile(`${out}meta.json`, JSON.stringify({ ...index.meta, folder }));
        logger.info(`${documents.length} articles, ${index.meta.shardCount} shards, in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
