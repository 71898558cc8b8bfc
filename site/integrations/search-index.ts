// Writes the search index of /tim-kiem/ after every build, from the article pages the build has
// just written: only what residents can already read gets indexed, so a draft can never reach
// the index. The format and the search itself live in @loa/shared/search. Pages unchanged since
// the last build are not read again: their counted words come from a cache, and their article
// files are carried over, not rewritten.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { assignIds, type IndexEntry } from '@loa/shared/search';
import { readPages, type ReadPage } from './search-pages.ts';
import { writeShards } from './search-shards.ts';

/** Where the index is served; the search page (src/pages/tim-kiem/) fetches from here. */
const SEARCH_INDEX_PATH = 'tim-kiem/du-lieu';

const ARTICLE_PAGE = /^tin-tuc\/(?!trang\/)[^/]+\/$/;

interface CachedPage {
  id: number;
  mtimeMs: number;
  size: number;
  entry: IndexEntry;
}

/**
 * What the last build took from each article page (its counted words, not its text), and the ids
 * it gave. Kept in Astro's cache folder as JSON lines (a header, then one line per page), read and
 * written a line at a time so that thousands of articles never become one huge string.
 * `generation` is also written beside the article files (f/.generation), so a build can tell
 * whether the article files it finds (copied from the served build) are the ones this cache
 * describes; without them, every page is read again to write its file.
 */
interface IndexCache {
  version: 3;
  generation: string;
  idLimit: number;
  pages: Map<string, CachedPage>;
}

async function readCache(file: string): Promise<IndexCache | null> {
  try {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let cache: IndexCache | null = null;
    for await (const line of lines) {
      if (!cache) {
        const header = JSON.parse(line) as Omit<IndexCache, 'pages'>;
        if (header.version !== 3) return null;
        cache = { ...header, pages: new Map() };
      } else if (line) {
        const page = JSON.parse(line) as CachedPage;
        cache.pages.set(page.entry.url, page);
      }
    }
    return cache;
  } catch {
    return null;
  }
}

async function writeCache(file: string, cache: IndexCache): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const stream = createWriteStream(temporary, 'utf8');
  const write = (line: string) => (stream.write(`${line}\n`) ? undefined : once(stream, 'drain'));
  await write(JSON.stringify({ version: cache.version, generation: cache.generation, idLimit: cache.idLimit }));
  for (const page of cache.pages.values()) await write(JSON.stringify(page));
  stream.end();
  await finished(stream);
  // Renamed into place: a build that dies while writing leaves the previous cache whole.
  await rename(temporary, file);
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
        const cache = await readCache(cacheFile);
        const articlePaths = pages.map((page) => page.pathname).filter((path) => ARTICLE_PAGE.test(path));

        // Article files (f/<id>.json) keep their names across builds: the builder copies them
        // with the served pages, and only new or changed articles are written here. Without a
        // matching copy, all are written, from pages read again.
        const articles = `${out}f/`;
        let carried = false;
        try {
          carried = cache !== null && (await readFile(`${articles}.generation`, 'utf8')) === cache.generation;
        } catch {
          carried = false;
        }
        if (!carried) await rm(articles, { recursive: true, force: true });
        await mkdir(articles, { recursive: true });
        const present = new Set(await readdir(articles));

        // A page whose file is the one the cache read (same time and size), and whose article
        // file is in place, is not read again.
        // Synchronous file calls here and below: this hook is all that is left of the build, and
        // each promise-based call costs two to three times the CPU, for thousands of files.
        const pagesFound = articlePaths.map((path) => {
          const url = `/${path}`;
          const file = `${root}${path}index.html`;
          const { mtimeMs, size } = statSync(file);
          const cached = carried ? cache!.pages.get(url) : undefined;
          const unchanged = cached && cached.mtimeMs === mtimeMs && cached.size === size && present.has(`${cached.id}.json`);
          return { url, file, mtimeMs, size, entry: unchanged ? cached.entry : undefined };
        });
        const fresh = new Map<string, ReadPage>();
        for (const page of await readPages(pagesFound.filter((page) => !page.entry))) fresh.set(page.url, page);
        const read: { mtimeMs: number; size: number; entry: IndexEntry; fragment?: string }[] = [];
        for (const { url, mtimeMs, size, entry } of pagesFound) {
          const page = fresh.get(url);
          if (entry) read.push({ mtimeMs, size, entry });
          else if (page) read.push({ mtimeMs, size, entry: page.entry, fragment: page.fragment });
        }
        const { documents: entries, idLimit } = assignIds(
          read.map((page) => page.entry),
          new Map([...(cache?.pages.values() ?? [])].map((page) => [page.entry.url, page.id])),
          cache?.idLimit ?? 0,
        );
        // The shards are built and written (on a worker thread, for thousands of articles) while
        // the article files and the cache are written here.
        const shardsWritten = writeShards({ out, entries, idLimit });
        // Settled at once, so that a failure here never leaves its rejection unhandled.
        shardsWritten.catch(() => {});

        const current = new Set(entries.map((entry) => `${entry.id}.json`));
        for (const name of present) if (name.endsWith('.json') && !current.has(name)) await rm(`${articles}${name}`);
        const changed = entries.flatMap((entry, i) => (read[i].fragment ? [{ id: entry.id, fragment: read[i].fragment! }] : []));
        for (const { id, fragment } of changed) writeFileSync(`${articles}${id}.json`, fragment);
        // The cache describes the article files just written: stamped with one generation, which
        // it takes its place with only once complete (writeCache renames it there). A build that
        // stops between the two leaves them disagreeing, and the next reads every page again.
        // Meanwhile the shards are still being written: the cache does not describe those, every
        // build writes them anew.
        const generation = randomUUID();
        await writeFile(`${articles}.generation`, generation);
        const pagesRead = new Map(entries.map(({ id, ...entry }, i) => [entry.url, { id, mtimeMs: read[i].mtimeMs, size: read[i].size, entry }]));
        const cacheWritten = writeCache(cacheFile, { version: 3, generation, idLimit, pages: pagesRead });
        cacheWritten.catch(() => {});

        const { meta, folder } = await shardsWritten;
        await writeFile(`${out}meta.json`, JSON.stringify({ ...meta, folder }));
        await cacheWritten;
        logger.info(`${entries.length} articles (${changed.length} written), ${meta.shardCount} shards, in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
