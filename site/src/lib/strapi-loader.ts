// Content Layer loaders for Strapi collections and single types. They read published entries only
// (through cms.ts) and validate each against the collection's schema with parseData, so a
// malformed entry stops the build naming the collection, the entry and the field.
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { bodyFiles, renderMarkdown } from '@loa/shared/markdown';
import { removeBody, storedBodies } from './article-bodies.ts';
import { BodyWriter } from './body-writer.ts';
import { fetchCollection, fetchSingle, LISTING_PAGE_SIZE } from './cms.ts';

interface StrapiLoaderOptions {
  /** REST path, e.g. "articles". */
  path: string;
  /** Strapi query (fields, populate, filters); pagination and status are added by the loader. */
  query: Record<string, unknown>;
  /** A single type has one entry, stored under its path. */
  single?: boolean;
  /** Field whose value becomes the entry id (unique, stable in URLs). */
  idField?: string;
  /** Markdown field rendered to sanitised HTML for `render(entry)`. */
  markdownField?: string;
  /**
   * Keep the rendered HTML out of the content store, in article-bodies.ts's folder, read back by
   * readBody(entry). For collections whose bodies dwarf the rest (thousands of articles).
   */
  bodiesOutside?: boolean;
  /**
   * Sync only what changed since the last build: list every published entry's documentId and
   * updatedAt, fetch in full only the new or changed ones, drop the ones that are gone. The
   * listed collections are copied into each entry (labels of tags), so when any of them changes
   * everything is fetched again.
   */
  incremental?: { dependsOn: { path: string; fields: string[] }[] };
}

type Item = Record<string, unknown> & { documentId: string; updatedAt: string };
type Entry = { id: string; data: Record<string, unknown>; digest: string; rendered?: { html: string } };
/** An entry ready for the store, with its body's Markdown when that is kept outside it. */
type Prepared = { entry: Entry; body?: string };

/** Tells the builder what each sync did (LOA_SYNC_REPORT names a JSON-lines file). */
function report(line: { path: string; mode: 'full' | 'incremental'; total: number; changed: number; removed: number }) {
  if (process.env.LOA_SYNC_REPORT) appendFileSync(process.env.LOA_SYNC_REPORT, `${JSON.stringify(line)}\n`);
}

/** Bump when what the loader stores changes shape, so old caches are refetched. */
const LOADER_VERSION = '5';

export function strapiLoader(options: StrapiLoaderOptions): Loader {
  const { path, query, single = false, idField = 'slug', markdownField, incremental, bodiesOutside = false } = options;
  const bodiesDir = (context: LoaderContext) => fileURLToPath(new URL('article-bodies/', context.config.cacheDir));

  async function prepare(context: LoaderContext, item: Record<string, unknown>): Promise<Prepared> {
    const id = single ? path : String(item[idField] ?? item.documentId);
    const data = await context.parseData({ id, data: item });
    const markdown = markdownField ? (data[markdownField] as string | undefined) : undefined;
    // The loader's version is part of the digest: a body is rendered again when the renderer changed.
    const digest = context.generateDigest({ item, version: LOADER_VERSION });
    if (markdown === undefined) return { entry: { id, data, digest } };
    // Pages use the rendered HTML; keeping the Markdown too would double the content store,
    // which Astro bundles into the build (tens of MB at thousands of articles). A body kept
    // outside the store is rendered by the body writer.
    // The media-library files the body shows are kept, so the build can publish them.
    const stripped = { ...data, [markdownField!]: '', bodyFiles: bodyFiles(markdown) };
    if (bodiesOutside) return { entry: { id, data: stripped, digest }, body: markdown };
    return { entry: { id, data: stripped, digest, rendered: { html: renderMarkdown(markdown) } } };
  }

  const bodiesOf = (prepared: Prepared[]) => prepared.flatMap(({ entry, body }) => (body === undefined ? [] : [{ digest: entry.digest, markdown: body }]));

  /** Writes the bodies kept outside the store, before any entry naming them is stored. */
  async function writeBodiesOf(context: LoaderContext, prepared: Prepared[], existing: Set<string>): Promise<void> {
    if (!bodiesOutside) return;
    const writer = new BodyWriter(bodiesDir(context), existing);
    writer.add(bodiesOf(prepared));
    await writer.done();
  }

  /** Stores an entry and drops the body of the version it replaces. */
  function put(context: LoaderContext, { entry }: Prepared, replaced?: string): void {
    context.store.set(entry);
    if (bodiesOutside && replaced && replaced !== entry.digest) removeBody(bodiesDir(context), replaced);
  }

  async function fullSync(context: LoaderContext): Promise<Entry[]> {
    // Validate everything before touching the store: a bad entry fails the build and leaves the
    // previous data untouched. Entries are validated page by page as they arrive, while the CMS
    // answers the next requests; their bodies are rendered and written meanwhile, and all are
    // on disk before the first entry is stored.
    // Read (and created) before writing: afterwards, the bodies of entries gone are removed.
    const earlier = bodiesOutside ? storedBodies(bodiesDir(context)) : new Set<string>();
    const writer = bodiesOutside ? new BodyWriter(bodiesDir(context), earlier) : null;
    // By the CMS's item: fetchCollection returns the items in order, an entry that moved between
    // pages while paging once, and each maps to what was prepared from it.
    const preparedFrom = new Map<unknown, Prepared>();
    const prepareAll = async (items: unknown[]) => {
      const done: Prepared[] = [];
      for (const item of items as Record<string, unknown>[]) {
        const ready = await prepare(context, item);
        preparedFrom.set(item, ready);
        done.push(ready);
      }
      writer?.add(bodiesOf(done));
    };
    let items: unknown[];
    try {
      if (single) {
        items = [await fetchSingle(path, query)];
        await prepareAll(items);
      } else {
        items = await fetchCollection(path, query, undefined, prepareAll);
      }
      await writer?.done();
    } catch (error) {
      // A failed sync leaves the bodies folder as it found it: no stored entry names these.
      await writer?.done().catch(() => {});
      for (const digest of writer?.written() ?? []) removeBody(bodiesDir(context), digest);
      throw error;
    }
    const prepared = items.map((item) => preparedFrom.get(item)!);
    context.store.clear();
    for (const item of prepared) put(context, item);
    if (writer) {
      // Bodies of entries gone, and of a version superseded while the CMS was being paged.
      const kept = new Set(prepared.map((item) => item.entry.digest));
      for (const digest of [...earlier, ...writer.written()]) if (!kept.has(digest)) removeBody(bodiesDir(context), digest);
    }
    return prepared.map((item) => item.entry);
  }

  async function incrementalSync(context: LoaderContext, dependsOn: NonNullable<StrapiLoaderOptions['incremental']>['dependsOn']) {
    const { store, meta, logger } = context;
    const dependencies: unknown[] = [];
    for (const dependency of dependsOn) dependencies.push(await fetchCollection(dependency.path, { fields: dependency.fields }));
    const dependencyDigest = `${LOADER_VERSION}:${context.generateDigest({ dependencies, query })}`;
    const previous: Record<string, { id: string; updatedAt: string }> = JSON.parse(meta.get('index') ?? '{}');
    // Every stored entry must still have its body on disk (a cleared folder means a full sync).
    const bodies = bodiesOutside ? storedBodies(bodiesDir(context)) : null;
    const usable =
      meta.get('dependencies') === dependencyDigest &&
      store.keys().length === Object.keys(previous).length &&
      (!bodies || store.values().every((entry) => entry.digest !== undefined && bodies.has(String(entry.digest))));

    if (!usable) {
      const entries = await fullSync(context);
      const index = Object.fromEntries(entries.map((entry) => [entry.data.documentId as string, { id: entry.id, updatedAt: entry.data.updatedAt as string }]));
      meta.set('index', JSON.stringify(index));
      meta.set('dependencies', dependencyDigest);
      logger.info(`${entries.length} ${path} from the CMS (full sync)`);
      report({ path, mode: 'full', total: entries.length, changed: entries.length, removed: 0 });
      return;
    }

    // documentId always comes along; asking for it in `fields` is refused by strict params.
    const listing = (await fetchCollection(path, { fields: ['updatedAt'] }, LISTING_PAGE_SIZE)) as Item[];
    const live = new Map(listing.map((item) => [item.documentId, item.updatedAt]));
    const changed = listing.filter((item) => previous[item.documentId]?.updatedAt !== item.updatedAt).map((item) => item.documentId);
    const gone = Object.keys(previous).filter((documentId) => !live.has(documentId));

    const fetched: Record<string, unknown>[] = [];
    for (let i = 0; i < changed.length; i += 100) {
      const batch = changed.slice(i, i + 100);
      fetched.push(...((await fetchCollection(path, { ...query, filters: { documentId: { $in: batch } } })) as Record<string, unknown>[]));
    }
    const prepared: Prepared[] = [];
    for (const item of fetched) prepared.push(await prepare(context, item));
    await writeBodiesOf(context, prepared, bodies ?? new Set());

    const index = { ...previous };
    const drop = (id: string) => {
      const digest = store.get(id)?.digest;
      store.delete(id);
      if (bodiesOutside && digest !== undefined) removeBody(bodiesDir(context), String(digest));
    };
    for (const documentId of gone) {
      drop(previous[documentId].id);
      delete index[documentId];
    }
    for (const item of prepared) {
      const { entry } = item;
      const documentId = entry.data.documentId as string;
      // A changed slug changes the entry id: drop the old one.
      if (index[documentId] && index[documentId].id !== entry.id) drop(index[documentId].id);
      const replaced = store.get(entry.id)?.digest;
      put(context, item, replaced === undefined ? undefined : String(replaced));
      index[documentId] = { id: entry.id, updatedAt: entry.data.updatedAt as string };
    }
    const entries = prepared.map((item) => item.entry);
    meta.set('index', JSON.stringify(index));
    logger.info(`${listing.length} ${path} from the CMS (${entries.length} changed, ${gone.length} removed)`);
    report({ path, mode: 'incremental', total: listing.length, changed: entries.length, removed: gone.length });
  }

  return {
    name: `strapi-${path}`,
    async load(context) {
      // `npm run check` generates the collections' types from their schemas with no CMS running
      // (scripts/check.ts, into a cache folder of its own): nothing is fetched or stored.
      if (process.env.LOA_TYPES_ONLY === '1') return;
      if (incremental) {
        await incrementalSync(context, incremental.dependsOn);
        return;
      }
      const entries = await fullSync(context);
      context.logger.info(`${entries.length} ${path} from the CMS`);
    },
  };
}
