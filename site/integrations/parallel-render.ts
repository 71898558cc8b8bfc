// Renders prerendered pages on worker threads as well as on Astro's own thread. Astro renders
// every page on one thread; on a cold build of 10,000 articles that is half the build, while the
// other cores idle. Through Astro's prerenderer hook (`setPrerenderer`), this wraps Astro's own
// prerenderer: Astro still lists the paths, writes the files and keeps the incremental cache; a
// page is rendered either here, by Astro's prerenderer, or by a worker that loaded the same
// prerender bundle (parallel-render-worker.ts). Workers start only once a build has rendered
// START_AFTER pages, so a publish that re-renders a few dozen pages never pays for them, or at
// once when Astro has no incremental cache yet and there are more pages than that to render.
//
// What a worker cannot get from the bundle, this thread hands over:
// - each page's styles, from the build's page data (given to `astro:build:setup`);
// - image URLs: `getImage` registers every transform with Astro's image pipeline on this thread
//   (globalThis.astroAsset.addStaticImage). A worker asks for each distinct transform once, and
//   waits for the answer (it must be synchronous there), so the optimised images are the same
//   whichever thread rendered the page.
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { AstroIntegration, AstroPrerenderer, RouteData } from 'astro';
import { collectPrerenderMetadata, installRenderScope } from 'astro/app';
import { tuneApp, type PrerenderApp } from './app-tuning.ts';

const ENTRY_PREFIX = 'prerender-entry';

/**
 * Pages rendered before workers are started: fewer are quicker to render on this thread alone.
 * LOA_RENDER_WORKERS_AFTER=0 starts them before the first page (the tests do, so that the demo
 * site's few pages are shared out).
 */
const START_AFTER = 300;
/**
 * Pages a worker holds at once. This thread hands a worker its next page only between its own
 * tasks, so a worker needs a backlog to never wait: with 4, the one worker on two cores was busy
 * 65 % of the time and a cold build of 10,000 took 33 to 35 s on tmpfs; with 16, 95 to 100 % and
 * 30 to 31 s.
 */
const WORKER_SLOTS = 16;
/**
 * Pages this thread renders at once: as many as Astro renders by default while it renders alone,
 * one once workers help. For each page it also creates the request, writes the file and Astro's
 * cached copy, which at 10,000 articles keeps it as busy as a worker.
 */
const LOCAL_SLOTS_ALONE = 4;
const LOCAL_SLOTS_HELPED = 1;

/** What a worker needs to set up: see parallel-render-worker.ts. */
export interface WorkerSetup {
  entryUrl: string;
  /** Page data key → the page's styles, as Astro's build environment reads them. */
  styles: [string, unknown[]][];
  /** settings.scripts with stage 'head-inline'; stage 'page' scripts are not supported. */
  inlineScripts: { stage: string; content: string }[];
  imagePort: MessagePort;
  signal: SharedArrayBuffer;
}

export interface RenderRequest {
  type: 'render';
  id: number;
  url: string;
  route: number;
  collectMetadata: boolean;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'rendered'; id: number; status: number; statusText: string; headers: [string, string][]; body: ArrayBuffer | null; metadata?: unknown }
  | { type: 'failed'; id: number; message: string; stack?: string };

export interface ImageRequest {
  type: 'image';
  args: unknown[];
}

export type ImageReply = { url: string; records: unknown[] } | { error: string };

type RenderResult = Awaited<ReturnType<AstroPrerenderer['render']>>;

/** What this integration reads from the private app of Astro's default prerenderer. */
interface DefaultApp extends PrerenderApp {
  manifest?: { routes: { routeData: RouteData }[] };
  getSettings?: () => { scripts: { stage: string; content: string }[] };
}

interface Job {
  request: Request;
  routeData: RouteData;
  collectMetadata: boolean;
  /** Whether a worker may render it; if not, only this thread does. */
  shareable: boolean;
  resolve: (result: RenderResult) => void;
  reject: (error: unknown) => void;
}

interface AssetGlobals {
  addStaticImage?: (...args: unknown[]) => string;
  referencedImages?: Set<string>;
}
const astroAsset = (): AssetGlobals => ((globalThis as { astroAsset?: AssetGlobals }).astroAsset ??= {});

class RenderWorker {
  readonly worker: Worker;
  readonly waiting = new Map<number, Job>();
  ready = false;
  failed: Error | null = null;
  rendered = 0;
  /** Settles when the worker is ready to render, or has stopped. */
  readonly started: Promise<void>;
  private settle!: () => void;

  constructor(setup: WorkerSetup, onChange: () => void, onFailure: (error: Error, unfinished: Job[]) => void) {
    this.started = new Promise((resolve) => (this.settle = resolve));
    this.worker = new Worker(new URL('./parallel-render-worker.ts', import.meta.url), { workerData: setup, transferList: [setup.imagePort] });
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        this.ready = true;
        this.settle();
      } else {
        const job = this.waiting.get(reply.id);
        if (!job) return;
        this.waiting.delete(reply.id);
        if (reply.type === 'failed') {
          const error = new Error(reply.message);
          if (reply.stack) error.stack = reply.stack;
          job.reject(error);
        } else {
          this.rendered++;
          // A status without a body (204, 304) always comes with body null: the worker sends
          // only what the Response it rendered holds.
          const response = new Response(reply.body, { status: reply.status, statusText: reply.statusText, headers: reply.headers });
          job.resolve(job.collectMetadata ? ({ response, metadata: reply.metadata } as RenderResult) : response);
        }
      }
      onChange();
    });
    // A worker that stops hands its pages back, to be rendered elsewhere.
    const stop = (error: Error) => {
      if (this.failed) return;
      this.failed = error;
      this.ready = false;
      this.settle();
      const unfinished = [...this.waiting.values()];
      this.waiting.clear();
      onFailure(error, unfinished);
    };
    this.worker.on('error', stop);
    this.worker.on('exit', (code) => stop(new Error(`A page-rendering worker stopped (exit code ${code})`)));
  }
}

/** Answers a worker's image registrations with Astro's own `addStaticImage`, on this thread. */
function serveImages(port: MessagePort, signal: Int32Array) {
  port.on('message', async (message: ImageRequest | { type: 'referenced'; path: string }) => {
    if (message.type === 'referenced') {
      (astroAsset().referencedImages ??= new Set()).add(message.path);
      return;
    }
    let reply: ImageReply;
    try {
      const addStaticImage = astroAsset().addStaticImage;
      if (!addStaticImage) throw new Error("Astro's image pipeline is not set up on the main thread");
      const { value, metadata } = await collectPrerenderMetadata(async () => addStaticImage(...message.args), console as never);
      reply = { url: value, records: (metadata as { staticImages?: unknown[] } | undefined)?.staticImages ?? [] };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

/** A whole number ≥ 0 from the environment, if one is set there. */
function fromEnv(name: string): number | undefined {
  const value = process.env[name];
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

export default function parallelRender(): AstroIntegration {
  /** One fewer than the cores; LOA_RENDER_WORKERS overrides (0: Astro's thread alone). */
  const workerCount = () => fromEnv('LOA_RENDER_WORKERS') ?? Math.min(7, availableParallelism() - 1);
  let pages: Map<string, { styles?: unknown[] }> | null = null;
  let entryUrl: string | null = null;
  /** Astro's incremental-build manifest: without one, every page is rendered. */
  let incrementalManifest: URL | null = null;

  return {
    name: 'loa-parallel-render',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        // Astro starts at most build.concurrency pages at once; every slot must be fillable.
        updateConfig({ build: { concurrency: LOCAL_SLOTS_ALONE + workerCount() * WORKER_SLOTS } });
      },
      'astro:config:done': ({ config }) => {
        incrementalManifest = new URL('incremental-build.json', config.cacheDir);
      },
      'astro:build:setup': ({ pages: pageData, updateConfig }) => {
        pages = pageData as unknown as Map<string, { styles?: unknown[] }>;
        updateConfig({
          // With an adapter, setting a prerenderer drops Astro's own prerender entry from the
          // bundle; Astro's prerenderer, which this one wraps, needs it back.
          environments: { prerender: { build: { rolldownOptions: { input: 'astro/entrypoints/prerender' } } } },
          plugins: [
            {
              name: 'loa-prerender-entry',
              applyToEnvironment: (environment: { name: string }) => environment.name === 'prerender',
              writeBundle(output: { dir?: string }, bundle: Record<string, { type: string; isEntry?: boolean }>) {
                for (const [fileName, chunk] of Object.entries(bundle)) {
                  if (chunk.type === 'chunk' && chunk.isEntry && fileName.startsWith(ENTRY_PREFIX) && output.dir) {
                    entryUrl = pathToFileURL(join(output.dir, fileName)).href;
                  }
                }
              },
            },
          ],
        } as never);
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        const count = workerCount();
        const startAfter = fromEnv('LOA_RENDER_WORKERS_AFTER') ?? START_AFTER;
        setPrerenderer((astros: AstroPrerenderer): AstroPrerenderer => {
          const workers: RenderWorker[] = [];
          const imagePorts: MessagePort[] = [];
          const queue: Job[] = [];
          const routeIndex = new Map<RouteData, number>();
          let setup: Omit<WorkerSetup, 'imagePort' | 'signal'> | null = null;
          let localBusy = 0;
          let rendered = 0;
          let nextId = 0;
          let stopping = false;

          let renderedHere = 0;
          const local = (job: Job) => {
            localBusy++;
            renderedHere++;
            astros
              .render(job.request, { routeData: job.routeData, collectMetadata: job.collectMetadata })
              .then(job.resolve, job.reject)
              .finally(() => {
                localBusy--;
                pump();
              });
          };
          const pump = () => {
            while (queue.length > 0) {
              const worker = queue[0].shareable && workers.find((w) => w.ready && !w.failed && w.waiting.size < WORKER_SLOTS);
              if (worker) {
                const job = queue.shift()!;
                const id = nextId++;
                worker.waiting.set(id, job);
                const message: RenderRequest = { type: 'render', id, url: job.request.url, route: routeIndex.get(job.routeData)!, collectMetadata: job.collectMetadata };
                worker.worker.postMessage(message);
              } else if (localBusy < (workers.some((w) => w.ready) ? LOCAL_SLOTS_HELPED : LOCAL_SLOTS_ALONE)) {
                local(queue.shift()!);
              } else return;
            }
          };
          const startWorkers = () => {
            if (!setup) return;
            logger.info(`Rendering on ${count + 1} threads`);
            for (let i = 0; i < count; i++) {
              const { port1, port2 } = new MessageChannel();
              const signal = new SharedArrayBuffer(4);
              serveImages(port1, new Int32Array(signal));
              imagePorts.push(port1);
              workers.push(
                new RenderWorker({ ...setup, imagePort: port2, signal }, pump, (error, unfinished) => {
                  if (!stopping) logger.warn(`A page-rendering worker stopped; its pages are rendered on the other threads: ${error.message}`);
                  queue.unshift(...unfinished);
                  pump();
                }),
              );
            }
          };

          return {
            name: 'loa-parallel-render',
            async setup() {
              await astros.setup?.();
              installRenderScope(new AsyncLocalStorage());
              const app = (astros as { app?: DefaultApp }).app;
              if (app) tuneApp(app);
              if (count === 0) return;
              const scripts = app?.getSettings?.().scripts;
              const why = !entryUrl
                ? 'the prerender entry was not found'
                : !pages
                  ? 'no page data was handed to the build'
                  : !app?.manifest || !scripts
                    ? "Astro's prerenderer has no app"
                    : scripts.some((script) => script.stage === 'page')
                      ? 'a page-stage script is injected'
                      : null;
              if (why) {
                logger.warn(`Rendering on this thread alone: ${why}`);
                return;
              }
              app!.manifest!.routes.forEach(({ routeData }, i) => routeIndex.set(routeData, i));
              setup = {
                entryUrl: entryUrl!,
                styles: [...pages!].map(([key, page]) => [key, page.styles ?? []]),
                inlineScripts: scripts!.filter((script) => script.stage === 'head-inline').map(({ stage, content }) => ({ stage, content })),
              };
              if (startAfter === 0) {
                startWorkers();
                await Promise.all(workers.map((w) => w.started));
              }
            },
            async getStaticPaths() {
              const paths = await astros.getStaticPaths();
              // Without Astro's incremental cache every path is rendered: if that is more than
              // startAfter, the workers can load while the first pages are rendered here.
              if (workers.length === 0 && paths.length > startAfter && incrementalManifest && !existsSync(incrementalManifest)) startWorkers();
              return paths;
            },
            render(request, { routeData, collectMetadata = false }) {
              // Redirects and routes the bundle's manifest does not list stay on this thread, as
              // does everything when workers cannot be used.
              const shareable = setup !== null && routeData.type !== 'redirect' && routeIndex.has(routeData);
              if (shareable && rendered++ === startAfter && workers.length === 0) startWorkers();
              return new Promise<RenderResult>((resolve, reject) => {
                queue.push({ request, routeData, collectMetadata, shareable, resolve, reject });
                pump();
              });
            },
            async teardown() {
              stopping = true;
              await Promise.all(workers.map((w) => w.worker.terminate()));
              for (const port of imagePorts) port.close();
              const split = { here: renderedHere, workers: workers.map((w) => w.rendered) };
              if (workers.length > 0) logger.info(`Pages rendered on this thread: ${split.here}; on workers: ${split.workers.join(', ')}`);
              // For tests and benchmarks: which thread rendered how many pages.
              if (process.env.LOA_RENDER_REPORT) writeFileSync(process.env.LOA_RENDER_REPORT, JSON.stringify(split));
              await astros.teardown?.();
            },
          };
        });
      },
    },
  };
}
