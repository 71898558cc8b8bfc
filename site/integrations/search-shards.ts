// Builds the search index's shards from the counted words of every article and writes them
// (search-index.ts). A build with thousands of articles does this on a worker thread
// (search-shards-worker.ts) while the main thread writes the article files: on a
// cold build of 10,000 both took about 0.6 s, one after the other, at the very end of the build.
//
// Plain TypeScript that Node runs as it is (type stripping): the worker loads it without Vite.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { buildSearchIndex, type IndexEntry, type SearchMeta } from '@loa/shared/search';
import { runInWorker } from './worker-task.ts';

/** Below this many articles, starting a worker costs more than it saves. */
const WORKER_FROM = 1000;

export interface ShardsToWrite {
  /** The index's folder in the build, ending in a slash. */
  out: string;
  entries: (IndexEntry & { id: number })[];
  idLimit: number;
}

export interface ShardsWritten {
  meta: SearchMeta;
  /** The folder beside meta.json that holds the shards. */
  folder: string;
}

/**
 * The shards go into a folder named by their content: a page that loaded meta.json before a
 * rebuild never mixes its shards with this build's.
 */
export async function writeShardsHere({ out, entries, idLimit }: ShardsToWrite): Promise<ShardsWritten> {
  const index = buildSearchIndex(entries, idLimit);
  const shards = [...index.shards].map(([number, shard]) => [`s/${number}.json`, JSON.stringify(shard)] as const);
  const version = createHash('sha256');
  for (const [name, body] of shards) version.update(name).update(body);
  const folder = version.digest('hex').slice(0, 12);
  await mkdir(`${out}${folder}/s`, { recursive: true });
  // Synchronously: on a worker with nothing else to do, and each promise-based write costs two to
  // three times the CPU.
  for (const [name, body] of shards) writeFileSync(`${out}${folder}/${name}`, body);
  return { meta: index.meta, folder };
}

/** Builds and writes the shards, on a worker thread when there are enough articles. */
export function writeShards(job: ShardsToWrite): Promise<ShardsWritten> {
  return job.entries.length >= WORKER_FROM
    ? runInWorker(new URL('./search-shards-worker.ts', import.meta.url), job, "The search index's shard writer")
    : writeShardsHere(job);
}
