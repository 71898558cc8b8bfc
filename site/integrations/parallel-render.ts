// Renders prerendered pages on worker threads as well as on Astro's own thread. Astro renders
// every page on one thread; on a cold build of 10,000 articles that is half the build, while the
// other cores idle. Through Astro's prerenderer hook (`setPrerenderer`), this wraps Astro's own
// prerenderer: Astro still lists the paths, writes the files and keeps the incremental cache; a
// page is rendered either here, by Astro's prerenderer, or by a worker that loaded the same
// prerender bundle (parallel-render-worker.ts). Workers start only once a build has rendered
// START_AFTER pages, so a publish that re-renders a few dozen pages never pays for them, or at
// once, while the paths are listed, when Astro has no incremental cache yet (a cold build).
//
// What a worker cannot get from the bundle, this thread hands over:
// - each page's styles, from the build's page data (given to `astro:build:setup`);
// - image URLs: `getImage` registers every transform with Astro's image pipeline on this thread
//   (globalThis.astroAsset.addStaticImage), so the optimised images are the same whichever thread
//   rendered the page. As workers start, this thread makes the images the string pages' module
//   knows of (`prepareImages`: the covers) and sends their URLs; a worker asks for any other
//   distinct image once, and waits for the answer (it must be synchronous there).
//
// Some routes can be written as strings instead (`stringPages`): a module of the site, built as
// an extra entry of the prerender bundle, renders each of their paths to a whole page (see
// src/lib/article-pages.ts and listing-pages.ts for why). Their paths are taken out of the list
// handed to Astro, which therefore spends nothing on them (request, routing, rendering,
// response, file, records): they are written here, on whichever thread takes them, and
// string-pages-record.ts keeps what Astro's incremental manifest keeps for the others, so an
// unchanged page is not written again and its images still reach Astro's image pipeline (through
// `collectStaticImages`). The sitemap and the search index add these pages to Astro's list.
// With LOA_ARTICLE_PARITY set, each such page is also rendered by Astro's prerenderer, and a
// difference fails the build.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { AstroIntegration, AstroPrerenderer, RouteData } from 'astro';
import { collectPrerenderMetadata, getInstalledRenderScope, installRenderScope } from 'astro/app';
import { attr } from '../src/lib/html.ts';
import { tuneApp, type PrerenderApp } from './app-tuning.ts';
import { readRecord, stringPagesOfBuild, writeRecord, type StringPageRecord } from './string-pages-record.ts';

const nativeImport = createRequire(import.meta.url)('./native-import.cjs') as (url: string) => Promise<unknown>;

const ENTRY_PREFIX = 'prerender-entry';
const STRING_ENTRY_PREFIX = 'loa-string-pages';
/** Astro's modules of content data (entries, their assets and modules), which change with it. */
const CONTENT_CHUNK = /data-layer-content|content-assets|content-modules/;
/** The content hash in a chunk's file name, as a chunk's code names the chunks it imports. */
const CHUNK_HASH = /([\w-]+)[_.][\w-]{8}\.mjs/g;

/**
 * The nearest pnpm lockfile from `dir` up: a dependency upgrade (QR codes, Markdown) can change
 * the pages without changing the bundle, which leaves dependencies outside.
 */
function lockfileDigest(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    try {
      return createHash('sha256')
        .update(readFileSync(join(current, 'pnpm-lock.yaml')))
        .digest('hex');
    } catch {
      if (dirname(current) === current) return '';
    }
  }
}

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
  /** The string pages' module and what ends each of its routes' head (their stylesheets). */
  stringPages: { entryUrl: string; headAssets: Record<string, string> } | null;
  imagePort: MessagePort;
  signal: SharedArrayBuffer;
}

export interface RenderRequest {
  type: 'render';
  id: number;
  url: string;
  route: number;
  collectMetadata: boolean;
  /** Written by the string pages' module rather than rendered by Astro. */
  asString: boolean;
  /** The page's route, as Astro names its component: which head a string page gets. */
  component: string;
  /** For a string page outside Astro's list: the file the worker writes it to (no body comes back). */
  writeTo?: string;
}

/** What a module given as `stringPages` exports. */
export interface StringPages {
  /** The routes whose pages it writes, as Astro names their components (src/pages/…). */
  components: string[];
  /** The whole page at a path of those routes; `headAssets` goes at the end of its head. */
  renderPage(pathname: string, headAssets: string): Promise<string>;
  /** Makes, once, the images its pages (and any others it knows of) will ask for. */
  prepareImages?(): Promise<void>;
}

/** Writes a page outside Astro's list of paths into its folder. */
export function writePageFile(file: string, html: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
}

/**
 * A string page, with the metadata Astro's incremental build records for a page it rendered (the
 * images registered while it was made).
 */
export async function renderStringPage(pages: StringPages, url: string, headAssets: string, logger: unknown) {
  const { value, metadata } = await collectPrerenderMetadata(() => pages.renderPage(new URL(url).pathname, headAssets), logger as never);
  return { html: value, metadata };
}

interface PageStyle {
  depth: number;
  order: number;
  sheet: { type: 'external'; src: string } | { type: 'inline'; content: string };
}

/** Astro's order for a page's stylesheets (cssOrder in astro/dist/core/build/runtime.js). */
function cssOrder(a: PageStyle, b: PageStyle): number {
  if (a.order === -1 && b.order >= 0) return 1;
  if (b.order === -1 && a.order >= 0) return -1;
  if (a.order !== b.order) return a.order > b.order ? 1 : -1;
  if (a.depth === -1) return -1;
  if (b.depth === -1) return 1;
  return a.depth > b.depth ? -1 : 1;
}

/**
 * The stylesheet elements Astro puts at the end of a page's head, from the build's page data:
 * links, or style elements (adjacent ones merged) for sheets small enough to inline. The parity
 * check compares the result with Astro's.
 */
export function headAssets(styles: PageStyle[], base: string): string {
  const sheets: PageStyle['sheet'][] = [];
  for (const { sheet } of [...styles].sort(cssOrder)) {
    const last = sheets.at(-1);
    if (last?.type === 'inline' && sheet.type === 'inline' && !last.content.includes('@import') && !sheet.content.includes('@import')) {
      sheets[sheets.length - 1] = { type: 'inline', content: last.content + sheet.content };
    } else sheets.push(sheet);
  }
  const link = (src: string) => (/^(https?:)?\/\//.test(src) ? src : `${base.replace(/\/$/, '')}/${src.replace(/^\//, '')}`);
  return sheets
    .map((sheet) => (sheet.type === 'external' ? `<link rel="stylesheet"${attr('href', link(sheet.src))}>` : `<style>${sheet.content}</style>`))
    .join('');
}

export type WorkerReply =
  | { type: 'ready' }
  | {
      type: 'rendered';
      id: number;
      status: number;
      statusText: string;
      headers: [string, string][];
      body: ArrayBuffer | null;
      metadata?: unknown;
      asString: boolean;
    }
  | { type: 'failed'; id: number; message: string; stack?: string };

export interface ImageRequest {
  type: 'image';
  args: unknown[];
}

/** A registered image: its URL, and the records Astro's incremental build keeps for each page using it. */
export interface KnownImage {
  url: string;
  records: unknown[];
}

export type ImageReply = KnownImage | { error: string };

/** From this thread to a worker's image port: an answer to its request, or images made in advance. */
export type ImagePortMessage = { type: 'answer'; answer: ImageReply } | { type: 'known'; images: [string, KnownImage][] };

/**
 * What makes two registrations one image file: Astro names the file after the properties it hashes
 * (the service's list; the source and the format are always in the name) and the original file.
 * The rest of the options (alt text, loading) only go into the `<img>`.
 */
export function imageKey(args: unknown[]): string {
  const [options, hashed, original] = args as [Record<string, unknown> | undefined, unknown, unknown];
  if (!options || typeof options !== 'object' || !Array.isArray(hashed)) return JSON.stringify(args);
  const names = [...new Set([...(hashed as string[]), 'src', 'format'])];
  return JSON.stringify([names, names.map((name) => options[name]), original]);
}

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
  /**
   * For a string page (written by the string pages' module, outside Astro's list): its file,
   * which this integration writes. Astro's own pages have none.
   */
  file?: string;
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
  stringPages = 0;
  /** Settles when the worker is ready to render, or has stopped. */
  readonly started: Promise<void>;
  private settle!: () => void;

  constructor(
    setup: WorkerSetup,
    onChange: () => void,
    onFailure: (error: Error, unfinished: Job[]) => void,
    deliver: (job: Job, result: RenderResult) => void,
  ) {
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
          if (reply.asString) this.stringPages++;
          // A status without a body (204, 304) always comes with body null: the worker sends
          // only what the Response it rendered holds.
          const response = new Response(reply.body, { status: reply.status, statusText: reply.statusText, headers: reply.headers });
          deliver(job, job.collectMetadata ? ({ response, metadata: reply.metadata } as RenderResult) : response);
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

/**
 * Answers a worker's image registrations with Astro's own `addStaticImage`, on this thread;
 * `asked` counts them.
 */
function serveImages(port: MessagePort, signal: Int32Array, asked: () => void) {
  port.on('message', async (message: ImageRequest | { type: 'referenced'; path: string }) => {
    if (message.type === 'referenced') {
      (astroAsset().referencedImages ??= new Set()).add(message.path);
      return;
    }
    asked();
    let reply: ImageReply;
    try {
      const addStaticImage = astroAsset().addStaticImage;
      if (!addStaticImage) throw new Error("Astro's image pipeline is not set up on the main thread");
      const { value, metadata } = await collectPrerenderMetadata(async () => addStaticImage(...message.args), console as never);
      reply = { url: value, records: (metadata as { staticImages?: unknown[] } | undefined)?.staticImages ?? [] };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage({ type: 'answer', answer: reply } satisfies ImagePortMessage);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

type RenderScope = { run<T>(store: unknown, fn: () => T): T; getStore(): unknown };
type ScopeStore = { staticImages?: unknown[] } | undefined;

/**
 * Runs `make` and returns every image registered on this thread meanwhile, as a worker receives
 * them. Pages rendering here at the same time keep their records: each registration's records go
 * to the page's own store as well.
 */
async function captureImages(make: () => Promise<void>): Promise<[string, KnownImage][]> {
  const assets = astroAsset();
  const register = assets.addStaticImage;
  const scope = getInstalledRenderScope() as RenderScope | undefined;
  if (!register || !scope) return [];
  const captured = new Map<string, KnownImage>();
  assets.addStaticImage = (...args: unknown[]) => {
    const store = { contentEntries: new Set(), staticImages: [] as unknown[], referencedImages: new Set() };
    const url = scope.run(store, () => register(...args));
    (scope.getStore() as ScopeStore)?.staticImages?.push(...store.staticImages);
    captured.set(imageKey(args), { url, records: store.staticImages });
    return url;
  };
  try {
    await make();
  } finally {
    assets.addStaticImage = register;
  }
  return [...captured];
}

/** A whole number ≥ 0 from the environment, if one is set there. */
function fromEnv(name: string): number | undefined {
  const value = process.env[name];
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

export interface ParallelRenderOptions {
  /** A module of the site (absolute path) that writes one route's pages: see StringPages. */
  stringPages?: string;
}

export default function parallelRender(options: ParallelRenderOptions = {}): AstroIntegration {
  /** One fewer than the cores; LOA_RENDER_WORKERS overrides (0: Astro's thread alone). */
  const workerCount = () => fromEnv('LOA_RENDER_WORKERS') ?? Math.min(7, availableParallelism() - 1);
  let pages: Map<string, { component?: string; styles?: unknown[] }> | null = null;
  let entryUrl: string | null = null;
  let stringEntryUrl: string | null = null;
  /** A digest of the string pages' entry chunk and the chunks it imports, content data aside. */
  let stringCode: string | null = null;
  let base = '/';
  let site = '';
  let outDir = '';
  let clientDir = '';
  let cacheDir = '';
  /** The settings the string pages depend on besides their code: see codeKey below. */
  let settingsKey = '';
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
        base = config.base;
        site = config.site ?? '';
        outDir = fileURLToPath(config.outDir);
        clientDir = fileURLToPath(config.build.client);
        cacheDir = fileURLToPath(config.cacheDir);
        settingsKey = createHash('sha256')
          .update(JSON.stringify({ site, base, trailingSlash: config.trailingSlash, format: config.build.format, image: config.image }))
          .update(lockfileDigest(fileURLToPath(config.root)))
          .digest('hex');
        incrementalManifest = new URL('incremental-build.json', config.cacheDir);
      },
      'astro:build:setup': ({ pages: pageData, updateConfig }) => {
        pages = pageData as unknown as Map<string, { component?: string; styles?: unknown[] }>;
        updateConfig({
          // With an adapter, setting a prerenderer drops Astro's own prerender entry from the
          // bundle; Astro's prerenderer, which this one wraps, needs it back. The string pages'
          // module is an entry of its own, sharing the bundle's modules (the content store), and
          // named apart: Astro takes the first file named prerender-entry.* for its own.
          environments: {
            prerender: {
              build: {
                rolldownOptions: {
                  input: ['astro/entrypoints/prerender', ...(options.stringPages ? [options.stringPages] : [])],
                  output: {
                    entryFileNames: (chunk: { facadeModuleId: string | null }) =>
                      `${options.stringPages && chunk.facadeModuleId === options.stringPages ? STRING_ENTRY_PREFIX : ENTRY_PREFIX}.[hash].mjs`,
                  },
                },
              },
            },
          },
          plugins: [
            {
              name: 'loa-prerender-entry',
              applyToEnvironment: (environment: { name: string }) => environment.name === 'prerender',
              writeBundle(
                output: { dir?: string },
                bundle: Record<string, { type: string; isEntry?: boolean; code?: string; imports?: string[]; dynamicImports?: string[]; moduleIds?: string[] }>,
              ) {
                for (const [fileName, chunk] of Object.entries(bundle)) {
                  if (chunk.type === 'chunk' && chunk.isEntry && fileName.startsWith(ENTRY_PREFIX) && output.dir) {
                    entryUrl = pathToFileURL(join(output.dir, fileName)).href;
                  }
                  if (chunk.type === 'chunk' && chunk.isEntry && fileName.startsWith(STRING_ENTRY_PREFIX) && output.dir) {
                    stringEntryUrl = pathToFileURL(join(output.dir, fileName)).href;
                    // The code the string pages depend on: the entry and what it imports, except the
                    // content store's data, which changes with every publish (each page's cache key
                    // covers its own content). Chunk names carry a hash of what they import, data
                    // included, so the code is read without them. Checked by the tests: a build of the
                    // same code writes none of the pages again (portal), a publish only the changed
                    // ones (publishing).
                    const code = createHash('sha256');
                    const seen = new Set<string>();
                    const visit = (name: string) => {
                      const part = bundle[name];
                      if (seen.has(name) || part?.type !== 'chunk') return;
                      seen.add(name);
                      if (CONTENT_CHUNK.test(name) || part.moduleIds?.some((id) => CONTENT_CHUNK.test(id))) return;
                      code.update((part.code ?? '').replace(CHUNK_HASH, '$1.mjs')).update('\0');
                      for (const imported of [...(part.imports ?? []), ...(part.dynamicImports ?? [])]) visit(imported);
                    };
                    visit(fileName);
                    stringCode = code.digest('hex');
                    if (process.env.LOA_VERBOSE_BUILD) console.log(`[loa-parallel-render] string pages depend on ${[...seen].join(', ')}`);
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
        const checkParity = Boolean(process.env.LOA_ARTICLE_PARITY);
        stringPagesOfBuild.pathnames = [];
        setPrerenderer((astros: AstroPrerenderer): AstroPrerenderer => {
          const workers: RenderWorker[] = [];
          const imagePorts: MessagePort[] = [];
          /** Pages Astro asked for, in order. */
          const queue: Job[] = [];
          /** String pages outside Astro's list, in order. */
          const ownQueue: Job[] = [];
          const routeIndex = new Map<RouteData, number>();
          let setup: Omit<WorkerSetup, 'imagePort' | 'signal'> | null = null;
          /** The string pages' module, loaded here, and what ends each of its routes' head. */
          let strings: { pages: StringPages; headAssets: Record<string, string> } | null = null;
          let localBusy = 0;
          let rendered = 0;
          let nextId = 0;
          let stopping = false;

          let renderedHere = 0;
          let stringPagesHere = 0;
          let parityChecked = 0;
          /** Images a worker had to ask for (and wait for): those not made in advance. */
          let imagesAsked = 0;
          /** Settles once the images made in advance are sent to the workers started so far. */
          let knownImagesSent: Promise<void> = Promise.resolve();
          /** The string pages outside Astro's list: all written (or found unchanged) once it settles. */
          let ownPages: Promise<void> | null = null;
          let ownSkipped = 0;
          /**
           * Images of the unchanged ones, for Astro's image pipeline (collectStaticImages), grouped
           * as Astro's own restoreStaticImages groups the records of the pages it skips (not exported).
           */
          const replayedImages = new Map<string, { originalSrcPath: unknown; transforms: Map<string, { finalPath: unknown; transform: unknown }> }>();
          const renderHere = async (job: Job): Promise<RenderResult> => {
            if (!job.file) return astros.render(job.request, { routeData: job.routeData, collectMetadata: job.collectMetadata });
            stringPagesHere++;
            const { html, metadata } = await renderStringPage(strings!.pages, job.request.url, strings!.headAssets[job.routeData.component], logger);
            // Under LOA_ARTICLE_PARITY the page is compared first, and written after (settle).
            if (!checkParity) {
              writePageFile(job.file, html);
              return { response: new Response(null), metadata } as RenderResult;
            }
            const response = new Response(html, { headers: { 'Content-Type': 'text/html' } });
            return (job.collectMetadata ? { response, metadata } : response) as RenderResult;
          };
          /** Under LOA_ARTICLE_PARITY: a string page must be what Astro renders for its path. */
          const compareWithAstro = async (job: Job, result: RenderResult): Promise<RenderResult> => {
            const ours = 'response' in result ? result.response : result;
            const html = await ours.text();
            const theirs = await astros.render(new Request(job.request.url), { routeData: job.routeData, collectMetadata: false });
            const expected = await ('response' in theirs ? theirs.response : theirs).text();
            if (html !== expected) {
              let at = 0;
              while (at < html.length && html[at] === expected[at]) at++;
              const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 80), at + 80));
              throw new Error(
                `The string page ${job.request.url} differs from Astro's rendering at character ${at}:\n  ours:  ${around(html)}\n  Astro: ${around(expected)}`,
              );
            }
            parityChecked++;
            writePageFile(job.file!, html);
            const response = new Response(html, { status: ours.status, headers: ours.headers });
            return ('response' in result ? { ...result, response } : response) as RenderResult;
          };
          const settle = (job: Job, result: RenderResult) => {
            if (checkParity && job.file) compareWithAstro(job, result).then(job.resolve, job.reject);
            else job.resolve(result);
          };
          let pumpScheduled = false;
          /**
           * Pumps on the next turn of the event loop, once however many pages asked. A string page
           * is made without waiting for any I/O, so going straight on to the next would keep the
           * workers' answers, and with them their next pages, waiting until this thread ran out of
           * pages. And a turn must start one page, not one for each page that ended: with a turn
           * scheduled for each, every answer from a worker (which starts a page here whenever this
           * thread is between pages) added one more, and after a few thousand pages one turn made
           * hundreds of pages while the workers' answers waited, up to a second.
           */
          const pumpSoon = () => {
            if (pumpScheduled) return;
            pumpScheduled = true;
            setImmediate(() => {
              pumpScheduled = false;
              pump();
            });
          };
          const local = (job: Job) => {
            localBusy++;
            renderedHere++;
            renderHere(job)
              .then((result) => settle(job, result), job.reject)
              .finally(() => {
                localBusy--;
                pumpSoon();
              });
          };
          /**
           * Hands out the waiting pages. A worker takes the string pages outside Astro's list
           * first, which it writes itself; this thread takes Astro's pages first, since it does
           * Astro's own work for each of them anyway (request, file, records), and takes string
           * pages only when Astro has none waiting, or when no worker is ready.
           */
          const pump = () => {
            for (;;) {
              const worker = workers.find((w) => w.ready && !w.failed && w.waiting.size < WORKER_SLOTS);
              const forWorker = worker && (ownQueue.length > 0 && ownQueue[0].shareable ? ownQueue : queue.length > 0 && queue[0].shareable ? queue : null);
              if (worker && forWorker) {
                const job = forWorker.shift()!;
                const id = nextId++;
                worker.waiting.set(id, job);
                const message: RenderRequest = {
                  type: 'render',
                  id,
                  url: job.request.url,
                  route: routeIndex.get(job.routeData)!,
                  collectMetadata: job.collectMetadata,
                  asString: job.file !== undefined,
                  component: job.routeData.component,
                  writeTo: checkParity ? undefined : job.file,
                };
                worker.worker.postMessage(message);
              } else if (localBusy < (workers.some((w) => w.ready) ? LOCAL_SLOTS_HELPED : LOCAL_SLOTS_ALONE) && queue.length + ownQueue.length > 0) {
                local((queue.length > 0 ? queue : ownQueue).shift()!);
              } else return;
            }
          };
          /**
           * Sends the workers the images the string pages' module makes in advance, so that they
           * never wait for this thread for those. A worker that gets a page first asks, as for any
           * other image.
           */
          const sendKnownImages = async () => {
            const prepare = strings?.pages.prepareImages;
            if (!prepare) return;
            try {
              const images = await captureImages(() => prepare());
              for (const port of imagePorts) port.postMessage({ type: 'known', images } satisfies ImagePortMessage);
            } catch (error) {
              logger.warn(`Workers will ask for each image: making the images in advance failed: ${error instanceof Error ? error.message : String(error)}`);
            }
          };
          const startWorkers = () => {
            if (!setup) return;
            logger.info(`Rendering on ${count + 1} threads`);
            for (let i = 0; i < count; i++) {
              const { port1, port2 } = new MessageChannel();
              const signal = new SharedArrayBuffer(4);
              serveImages(port1, new Int32Array(signal), () => imagesAsked++);
              imagePorts.push(port1);
              workers.push(
                new RenderWorker(
                  { ...setup, imagePort: port2, signal },
                  pump,
                  (error, unfinished) => {
                    if (!stopping) logger.warn(`A page-rendering worker stopped; its pages are rendered on the other threads: ${error.message}`);
                    queue.unshift(...unfinished.filter((job) => !job.file));
                    ownQueue.unshift(...unfinished.filter((job) => job.file));
                    pump();
                  },
                  settle,
                ),
              );
            }
            knownImagesSent = sendKnownImages();
          };
          /**
           * Writes the string pages Astro was not given, except those unchanged since the last
           * build (same cache key and code, file copied in by the builder), then the record.
           */
          const writeOwnPages = async (paths: { pathname: string; route: RouteData; cacheKey?: string }[], codeKey: string) => {
            const previous = readRecord(cacheDir);
            const reusable = previous?.codeKey === codeKey ? previous.pages : {};
            const pages: Record<string, StringPageRecord> = {};
            const written: Promise<void>[] = [];
            for (const { pathname, route, cacheKey } of paths) {
              const file = join(clientDir, decodeURI(pathname), 'index.html');
              const outputFile = relative(outDir, file).split(sep).join('/');
              const before = reusable[pathname];
              if (before && cacheKey !== undefined && before.cacheKey === cacheKey && before.outputFile === outputFile && existsSync(file)) {
                ownSkipped++;
                pages[pathname] = before;
                for (const image of before.staticImages as {
                  originalPath: string;
                  originalSrcPath: unknown;
                  hash: string;
                  finalPath: unknown;
                  transform: unknown;
                }[]) {
                  let forPath = replayedImages.get(image.originalPath);
                  if (!forPath) replayedImages.set(image.originalPath, (forPath = { originalSrcPath: image.originalSrcPath, transforms: new Map() }));
                  if (!forPath.transforms.has(image.hash)) forPath.transforms.set(image.hash, { finalPath: image.finalPath, transform: image.transform });
                }
                for (const path of before.referencedImages) (astroAsset().referencedImages ??= new Set()).add(path);
                continue;
              }
              written.push(
                new Promise<void>((resolve, reject) => {
                  const record = (result: RenderResult) => {
                    const metadata = ('metadata' in result ? result.metadata : undefined) as
                      | { staticImages?: unknown[]; referencedImages?: string[] }
                      | undefined;
                    pages[pathname] = {
                      cacheKey: cacheKey ?? '',
                      outputFile,
                      staticImages: metadata?.staticImages ?? [],
                      referencedImages: metadata?.referencedImages ?? [],
                    };
                    resolve();
                  };
                  // Only the URL of the request is read for a string page: no Request object for each.
                  const request = { url: new URL(pathname, site || 'http://localhost/').href } as Request;
                  ownQueue.push({ request, routeData: route, collectMetadata: true, shareable: setup !== null, file, resolve: record, reject });
                }),
              );
            }
            if (process.env.LOA_VERBOSE_BUILD) {
              logger.info(
                `String pages: ${paths.length - written.length} unchanged, ${written.length} to write (record ${previous ? (previous.codeKey === codeKey ? 'matches the code' : 'is for other code') : 'missing'})`,
              );
            }
            if (written.length > startAfter && workers.length === 0) startWorkers();
            pump();
            await Promise.all(written);
            // Pages without a cache key are written every time.
            for (const [pathname, page] of Object.entries(pages)) if (!page.cacheKey) delete pages[pathname];
            writeRecord(cacheDir, { version: 1, codeKey, pages });
          };
          /** Loads the string pages' module, or says why its route is left to Astro. */
          const loadStringPages = async () => {
            if (!options.stringPages) return;
            const why = !stringEntryUrl ? 'its entry was not found in the bundle' : !pages ? 'no page data was handed to the build' : null;
            if (why) {
              logger.warn(`Rendering every page through Astro: ${why}`);
              return;
            }
            const module = (await nativeImport(stringEntryUrl!)) as StringPages;
            const assets: Record<string, string> = {};
            for (const component of module.components) {
              const page = [...pages!.values()].find((data) => data.component === component);
              if (!page) {
                logger.warn(`Rendering every page through Astro: the build has no page ${component}`);
                return;
              }
              assets[component] = headAssets((page.styles ?? []) as PageStyle[], base);
            }
            strings = { pages: module, headAssets: assets };
          };

          return {
            name: 'loa-parallel-render',
            async setup() {
              await astros.setup?.();
              installRenderScope(new AsyncLocalStorage());
              const app = (astros as { app?: DefaultApp }).app;
              if (app) tuneApp(app);
              await loadStringPages();
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
              for (const [i, { routeData }] of app!.manifest!.routes.entries()) routeIndex.set(routeData, i);
              setup = {
                entryUrl: entryUrl!,
                styles: [...pages!].map(([key, page]) => [key, page.styles ?? []]),
                inlineScripts: scripts!.filter((script) => script.stage === 'head-inline').map(({ stage, content }) => ({ stage, content })),
                stringPages: strings && { entryUrl: stringEntryUrl!, headAssets: strings.headAssets },
              };
              if (startAfter === 0) {
                startWorkers();
                await Promise.all(workers.map((w) => w.started));
              } else if (incrementalManifest && !existsSync(incrementalManifest)) {
                // No incremental cache: every page is rendered, so the workers load the bundle while
                // this thread lists the paths. (A small site pays a worker's start for nothing, less
                // than a second of the other core.)
                startWorkers();
              }
            },
            async getStaticPaths() {
              const paths = await astros.getStaticPaths();
              if (!strings || !stringCode) return paths;
              const components = new Set(strings.pages.components);
              const own = paths.filter((path) => components.has(path.route.component));
              stringPagesOfBuild.pathnames = own.map((path) => path.pathname.replace(/^\//, ''));
              // Every page also depends on its code, its stylesheets and the site's settings.
              const assetsKey = JSON.stringify(Object.entries(strings.headAssets).sort(([a], [b]) => a.localeCompare(b)));
              const codeKey = createHash('sha256').update(stringCode).update('\0').update(assetsKey).update('\0').update(settingsKey).digest('hex');
              // Workers started with the build get their first pages here: after the images.
              await knownImagesSent;
              ownPages = writeOwnPages(own, codeKey);
              // Settled at once, so that a failure is never left unhandled; collectStaticImages
              // waits for it and fails the build with it.
              ownPages.catch(() => {});
              return paths.filter((path) => !components.has(path.route.component));
            },
            async collectStaticImages() {
              await ownPages;
              const images = (await astros.collectStaticImages?.()) ?? new Map();
              for (const [path, entry] of replayedImages) {
                const existing = images.get(path);
                if (!existing) images.set(path, entry as never);
                else for (const [hash, transform] of entry.transforms) if (!existing.transforms.has(hash)) existing.transforms.set(hash, transform as never);
              }
              return images;
            },
            render(request, { routeData, collectMetadata = false }) {
              // Redirects and routes the bundle's manifest does not list stay on this thread, as
              // does everything when workers cannot be used.
              const shareable = setup !== null && routeData.type !== 'redirect' && routeIndex.has(routeData);
              if (shareable && rendered++ === startAfter && workers.length === 0) startWorkers();
              return new Promise<RenderResult>((resolve, reject) => {
                // The string pages' paths never reach Astro (getStaticPaths): Astro's are its own.
                queue.push({ request, routeData, collectMetadata, shareable, resolve, reject });
                pump();
              });
            },
            async teardown() {
              // After a failure elsewhere, the string pages still in progress end before the workers.
              await ownPages?.catch(() => {});
              stopping = true;
              await Promise.all(workers.map((w) => w.worker.terminate()));
              for (const port of imagePorts) port.close();
              const split = {
                here: renderedHere,
                workers: workers.map((w) => w.rendered),
                stringPages: stringPagesHere + workers.reduce((sum, w) => sum + w.stringPages, 0),
                stringPagesUnchanged: ownSkipped,
                parityChecked,
                imagesAsked,
              };
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
