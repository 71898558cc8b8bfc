// A worker thread reading its share of the article pages for the search index (search-pages.ts).
import { readPagesHere } from './search-pages.ts';
import { serveTask } from './worker-task.ts';

serveTask(readPagesHere);
