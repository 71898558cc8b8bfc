// Reads built article pages for the search index (search-index.ts): the indexed parts of each page
// and its counted words (src/lib/search-entry.ts), for the pages whose entry was not taken as they
// were written and is not in the index's cache. That can be thousands (the cache lost, or the
// article pages left to Astro), at about 0.4 ms each, once every other part of the build is
// over: so the pages are shared out between the main thread and worker threads
// (search-pages-worker.ts), one per further core.
//
// Plain TypeScript that Node runs as it is (type stripping): the workers load it without Vite.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pageEntry, type ReadPage } from '../src/lib/search-entry.ts';
import { runInWorker } from './worker-task.ts';

export type { ReadPage };

/** Below this many pages, starting a worker costs more than it saves. */
const PAGES_PER_THREAD = 1000;

export interface PageToRead {
  url: string;
  file: string;
}

/** Reads pages on this thread; a page without an article is left out. */
export async function readPagesHere(pages: PageToRead[]): Promise<ReadPage[]> {
  const read: ReadPage[] = [];
  for (let i = 0; i < pages.length; i += 64) {
    const batch = await Promise.all(pages.slice(i, i + 64).map(async ({ url, file }) => ({ url, html: await readFile(file, 'utf8') })));
    for (const { url, html } of batch) {
      const page = pageEntry(html, url);
      if (page) read.push(page);
    }
  }
  return read;
}

function readPagesInWorker(pages: PageToRead[]): Promise<ReadPage[]> {
  return runInWorker(new URL('./search-pages-worker.ts', import.meta.url), pages, "The search index's page reader");
}

/** Reads pages, in their order, on as many threads as there are cores and enough pages to share. */
export async function readPages(pages: PageToRead[], cores = availableParallelism()): Promise<ReadPage[]> {
  const threads = Math.min(cores, Math.floor(pages.length / PAGES_PER_THREAD));
  if (threads < 2) return readPagesHere(pages);
  const share = Math.ceil(pages.length / threads);
  const parts = Array.from({ length: threads }, (_, i) => pages.slice(i * share, (i + 1) * share));
  const [own, ...others] = parts;
  const results = await Promise.all([readPagesHere(own), ...others.map(readPagesInWorker)]);
  return results.flat();
}
