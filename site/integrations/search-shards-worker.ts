// A worker thread building and writing the search index's shards (search-shards.ts).
import { writeShardsHere } from './search-shards.ts';
import { serveTask } from './worker-task.ts';

serveTask(writeShardsHere);
