// Renders article bodies (Markdown from the CMS, to sanitised HTML) and writes them into the bodies
// folder (article-bodies.ts) for the content loader (strapi-loader.ts). A full sync of thousands
// of articles hands the rendering to worker threads (body-writer-worker.ts), so the main thread
// goes on fetching and validating the next page of entries meanwhile; a few changed entries are
// rendered on the main thread, which costs less than starting a worker.
//
// Plain TypeScript that Node runs as it is (type stripping): the workers load it without Vite.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { renderMarkdown } from '@loa/shared/markdown';
import { writeBody } from './article-bodies.ts';

export interface BodySource {
  digest: string;
  markdown: string;
}

/** Renders and writes a batch of bodies on this thread. */
export async function renderAndWrite(dir: string, bodies: BodySource[]): Promise<void> {
  for (const { digest, markdown } of bodies) writeBody(dir, digest, renderMarkdown(markdown));
}

/**
 * One per core. While the CMS answers, it, the main thread and the workers share the cores; once
 * the last page is in, rendering the bodies is all that is left (a full sync of 10,000 took 6.1
 * to 6.3 s this way, 6.6 to 6.8 s with one worker on two cores and 7.0 to 7.1 s without workers).
 */
export const workerCount = (): number => Math.max(1, availableParallelism());

/** A variable, not a literal: bundlers leave `new URL(name, import.meta.url)` alone then. */
const WORKER_FILE = './body-writer-worker.ts';

interface Slot {
  worker: Worker;
  waiting: Map<number, { resolve: () => void; reject: (error: Error) => void }>;
}

/**
 * Writes bodies not on disk yet (a digest names its content, so a file that exists is complete)
 * while the caller goes on: a full sync hands over each page of entries as it is ready and awaits
 * `done()` before storing any of them. With `threads` > 0, batches go to that many workers;
 * otherwise they are rendered here, one batch after another.
 */
export class BodyWriter {
  private readonly dir: string;
  private readonly existing: Set<string>;
  private readonly seen: Set<string>;
  private readonly threads: number;
  /** Batches rendered on this thread, one after another. */
  private chain: Promise<void> = Promise.resolve();
  /** Batches handed to workers. */
  private readonly pending: Promise<void>[] = [];
  private readonly slots: Slot[] = [];
  private turn = 0;
  private nextId = 0;
  private failure: unknown = null;

  constructor(dir: string, existing: Set<string>, threads = 0) {
    this.dir = dir;
    this.existing = existing;
    this.seen = new Set(existing);
    this.threads = threads;
  }

  add(bodies: BodySource[]): void {
    // The same entry can arrive twice when it moved between pages while the CMS was paged.
    const fresh: BodySource[] = [];
    for (const body of bodies) {
      if (this.seen.has(body.digest)) continue;
      this.seen.add(body.digest);
      fresh.push(body);
    }
    for (let i = 0; i < fresh.length; i += 32) {
      const batch = fresh.slice(i, i + 32);
      if (this.threads > 0) {
        this.pending.push(this.inWorker(batch).catch((error: unknown) => void (this.failure ??= error)));
      } else {
        this.chain = this.chain
          .then(() => (this.failure ? undefined : renderAndWrite(this.dir, batch)))
          .catch((error: unknown) => void (this.failure ??= error));
      }
    }
  }

  /** The digests handed over that were not on disk before. */
  written(): string[] {
    return [...this.seen].filter((digest) => !this.existing.has(digest));
  }

  /** Resolves once every body handed over is on disk; rejects if any could not be written. */
  async done(): Promise<void> {
    await this.chain;
    await Promise.all(this.pending);
    await Promise.all(this.slots.splice(0).map(({ worker }) => worker.terminate()));
    if (this.failure) throw this.failure;
  }

  private inWorker(bodies: BodySource[]): Promise<void> {
    if (this.failure) return Promise.resolve();
    const slot = this.slots.length < this.threads ? this.start() : this.slots[this.turn++ % this.slots.length];
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, dir: this.dir, bodies });
    });
  }

  private start(): Slot {
    const slot: Slot = { worker: new Worker(new URL(WORKER_FILE, import.meta.url)), waiting: new Map() };
    const failAll = (error: Error) => {
      for (const { reject } of slot.waiting.values()) reject(error);
      slot.waiting.clear();
    };
    slot.worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const waiting = slot.waiting.get(id);
      slot.waiting.delete(id);
      if (error) waiting?.reject(new Error(error));
      else waiting?.resolve();
    });
    slot.worker.on('error', failAll);
    slot.worker.on('exit', (code) => failAll(new Error(`An article body worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}
