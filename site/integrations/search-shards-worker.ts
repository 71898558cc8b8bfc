// A worker thread building and writing the search index's shards (search-shards.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { writeShardsHere, type ShardsToWrite } from './search-shards.ts';

writeShardsHere(workerData as ShardsToWrite).then(
  (written) => parentPort!.postMessage({ written }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
