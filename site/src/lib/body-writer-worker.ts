// A worker thread rendering and writing the article bodies it is handed (body-writer.ts).
import { parentPort } from 'node:worker_threads';
import { renderAndWrite, type BodySource } from './body-writer.ts';

parentPort!.on('message', ({ id, dir, bodies }: { id: number; dir: string; bodies: BodySource[] }) => {
  renderAndWrite(dir, bodies).then(
    () => parentPort!.postMessage({ id }),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
