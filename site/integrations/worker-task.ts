// One task on a worker thread, as the search index runs its page reader (search-pages.ts) and its
// shard writer (search-shards.ts): the worker module hands its task to serveTask, which runs it
// on the worker's data and posts back the result or the error; runInWorker awaits that.
//
// Plain TypeScript that Node runs as it is (type stripping): the workers load it without Vite.
import { parentPort, Worker, workerData } from 'node:worker_threads';

type TaskReply<T> = { value: T } | { error: string };

/** Runs a worker module on `data`; `what` names it in the error if the worker stops without an answer. */
export function runInWorker<T>(file: URL, data: unknown, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: data });
    let answered: { value: T } | null = null;
    worker.once('message', (reply: TaskReply<T>) => {
      if ('error' in reply) reject(new Error(reply.error));
      else answered = reply;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (answered ? resolve(answered.value) : reject(new Error(`${what} stopped (exit code ${code})`))));
  });
}

/** In a worker module: runs the task on the worker's data and posts the answer to runInWorker. */
export function serveTask<D, T>(task: (data: D) => Promise<T>): void {
  const reply = (message: TaskReply<T>) => parentPort!.postMessage(message);
  task(workerData as D).then(
    (value) => reply({ value }),
    (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
  );
}
