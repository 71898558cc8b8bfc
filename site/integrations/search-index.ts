// Writes the search index of /tim-kiem/ after every build, from the article pages the build has
// just written: only what residents can already read gets indexed, so a draft can never reach
// the index. The format and the search itself live in @loa/shared/search.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { assignIds } from '@loa/shared/search';
import { readPages } from './search-pages.ts';
import { writeShards } from './search-shards.ts';

/** Where the index is served; the search page (src/pages/tim-kiem/) fetches from here. */
const SEARCH_INDEX_PATH = 'tim-kiem/du-lieu';

const ARTICLE_PAGE = /^tin-tuc\/(?!trang\/)[^/]+\/$/;

/**
 * The id each article's page had in the last build, kept in Astro's cache folder: an article keeps
 * its id (and so its file f/<id>.json) from build to build.
 */
interface IdCache {
  version: 4;
  idLimit: number;
  ids: Record<string, number>;
}

function readIds(file: string): IdCache | null {
  try {
    const cache = JSON.parse(readFileSync(file, 'utf8')) as IdCache;
    return cache.version === 4 ? cache : null;
  } catch {
    return null;
  }
}

/** Renamed into place: a build that dies while writing leaves the previous ids whole. */
function writeIds(file: string, cache: IdCache): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(cache));
  renameSync(temporary, file);
}

export default function searchIndex(): AstroIntegration {
  let cacheFile = '';
  return {
    name: 'loa-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheFile = fileURLToPath(new URL('search-index.json', config.cacheDir));
      },
      'astro:build:done': async ({ pages, dir, logger }) => {
        const started = performance.now();
        const root = fileURLToPath(dir);
        const out = `${root}${SEARCH_INDEX_PATH}/`;
        const previous = readIds(cacheFile);
        const read = await readPages(
          pages
            .map((page) => page.pathname)
            .filter((path) => ARTICLE_PAGE.test(path))
            .map((path) => ({ url: `/${path}`, file: `${root}${path}index.html` })),
        );
        const { documents: entries, idLimit } = assignIds(
          read.map((page) => page.entry),
          new Map(Object.entries(previous?.ids ?? {})),
          previous?.idLimit ?? 0,
        );
        await mkdir(`${out}f/`, { recursive: true });
        // Synchronous writes: each promise-based one costs two to three times the CPU, for
        // thousands of files.
        for (const [i, entry] of entries.entries()) writeFileSync(`${out}f/${entry.id}.json`, read[i].fragment);
        const { meta, folder } = await writeShards({ out, entries, idLimit });
        await writeFile(`${out}meta.json`, JSON.stringify({ ...meta, folder }));
        writeIds(cacheFile, { version: 4, idLimit, ids: Object.fromEntries(entries.map((entry) => [entry.url, entry.id])) });
        logger.info(`${entries.length} articles, ${meta.shardCount} shards, in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
