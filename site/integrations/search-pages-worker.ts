// A worker thread reading its share of the article pages for the search index (search-pages.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readPagesHere, type PageToRead } from './search-pages.ts';

readPagesHere(workerData as PageToRead[]).then(
  (read) => parentPort!.postMessage({ read }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
