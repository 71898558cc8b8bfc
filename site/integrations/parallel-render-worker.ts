// A worker thread rendering pages for parallel-render.ts. It loads the build's prerender bundle,
// gives its app the page styles and inline scripts the main thread handed over (the only parts of
// Astro's build data that rendering reads), and renders the pages it is sent, with their
// incremental-build metadata when asked. Pages of the string pages' route it writes with that
// module, as the main thread does, into their file when they are outside Astro's list.
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { getInstalledRenderScope, installRenderScope, recordStaticImage, renderForPrerender } from 'astro/app';
import { tuneApp } from './app-tuning.ts';
import {
  imageKey,
  renderStringPage,
  writePageFile,
  type ImagePortMessage,
  type ImageReply,
  type KnownImage,
  type RenderRequest,
  type StringPages,
  type WorkerReply,
  type WorkerSetup,
} from './parallel-render.ts';

const setup = workerData as WorkerSetup;
const signal = new Int32Array(setup.signal);
const port = setup.imagePort;

/** Images already registered on the main thread, by imageKey. */
const images = new Map<string, KnownImage>();

/**
 * The next message from the main thread on the image port, if one is there. Images it made in
 * advance are taken in on the way: those are the only other messages the port carries.
 */
function nextAnswer(): ImageReply | undefined {
  for (;;) {
    const message = receiveMessageOnPort(port)?.message as ImagePortMessage | undefined;
    if (message?.type !== 'known') return message?.answer;
    for (const [key, image] of message.images) images.set(key, image);
  }
}

/**
 * Astro's `getImage` calls this synchronously and expects the optimised image's URL. The main
 * thread registers the transform with Astro's image pipeline (which generates the files after
 * rendering) and answers; this thread waits for that answer. It sends most of them in advance
 * (the covers); any other distinct image is asked for once. Its records still go into every
 * page's incremental-build metadata.
 */
function addStaticImage(...args: unknown[]): string {
  const key = imageKey(args);
  let known = images.get(key);
  if (!known) {
    // The images made in advance, if they have come since.
    nextAnswer();
    known = images.get(key);
  }
  if (!known) {
    Atomics.store(signal, 0, 0);
    port.postMessage({ type: 'image', args });
    Atomics.wait(signal, 0, 0);
    const reply = nextAnswer();
    if (!reply) throw new Error('The main thread did not answer an image registration');
    if ('error' in reply) throw new Error(reply.error);
    known = reply;
    images.set(key, known);
  }
  for (const record of known.records) recordStaticImage(record as never);
  return known.url;
}

/** Original images a page refers to: the main thread keeps them when it cleans up. */
class ReferencedImages extends Set<string> {
  add(path: string): this {
    if (!this.has(path)) port.postMessage({ type: 'referenced', path });
    return super.add(path);
  }
}

type RenderStore = { referencedImages?: Set<string> } | undefined;
(globalThis as { astroAsset?: unknown }).astroAsset = {
  referencedImages: new ReferencedImages(),
  addStaticImage,
  recordReferencedImage: (path: string) => (getInstalledRenderScope()?.getStore() as RenderStore)?.referencedImages?.add(path),
};
installRenderScope(new AsyncLocalStorage());

const { app } = await import(setup.entryUrl);
tuneApp(app);
app.setInternals({
  pagesByKeys: new Map(setup.styles.map(([key, styles]) => [key, { styles }])),
  entrySpecifierToBundleMap: new Map(),
});
app.setOptions({ settings: { scripts: setup.inlineScripts }, logger: { options: { destination: app.logger.options.destination } } });
const routes: { routeData: unknown }[] = app.manifest.routes;
const stringPages = setup.stringPages && { pages: (await import(setup.stringPages.entryUrl)) as StringPages, headAssets: setup.stringPages.headAssets };

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

const encoder = new TextEncoder();

parentPort!.on('message', async ({ id, url, route, collectMetadata, asString, component, writeTo }: RenderRequest) => {
  try {
    if (asString) {
      if (!stringPages) throw new Error('This worker was not given the string pages module');
      const { html, metadata } = await renderStringPage(stringPages.pages, url, stringPages.headAssets[component], app.logger);
      if (writeTo) {
        // A page outside Astro's list: written here, and only its metadata goes back.
        writePageFile(writeTo, html);
        reply({ type: 'rendered', id, status: 200, statusText: '', headers: [], body: null, metadata: collectMetadata ? metadata : undefined, asString });
        return;
      }
      const body = encoder.encode(html).buffer as ArrayBuffer;
      const headers: [string, string][] = [['content-type', 'text/html']];
      reply({ type: 'rendered', id, status: 200, statusText: '', headers, body, metadata: collectMetadata ? metadata : undefined, asString }, [body]);
      return;
    }
    const rendered = await renderForPrerender(app, new Request(url), { routeData: routes[route].routeData as never, collectMetadata });
    const { response } = rendered;
    const body = response.body === null ? null : await response.arrayBuffer();
    reply(
      {
        type: 'rendered',
        id,
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
        body,
        metadata: rendered.metadata,
        asString,
      },
      body ? [body] : [],
    );
  } catch (error) {
    reply({ type: 'failed', id, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  }
});
reply({ type: 'ready' });
