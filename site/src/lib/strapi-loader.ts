// Content Layer loader for Strapi collections and single types. It reads published entries only
// (through cms.ts) and validates each against the collection's schema with parseData, so a
// malformed entry stops the build naming the collection, the entry and the field.
import type { Loader } from 'astro/loaders';
import { renderMarkdown } from '@loa/shared/markdown';
import { fetchCollection, fetchSingle } from './cms.ts';

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
}

export function strapiLoader({ path, query, single = false, idField = 'slug', markdownField }: StrapiLoaderOptions): Loader {
  return {
    name: `strapi-${path}`,
    async load({ store, parseData, generateDigest, logger }) {
      const items = single ? [await fetchSingle(path, query)] : await fetchCollection(path, query);
      // Validate everything before touching the store: a bad entry fails the build and leaves
      // the previous data untouched.
      const entries = [];
      for (const item of items as Record<string, unknown>[]) {
        const id = single ? path : String(item[idField] ?? item.documentId);
        const data = await parseData({ id, data: item });
        const markdown = markdownField ? (data[markdownField] as string | undefined) : undefined;
        entries.push({ id, data, digest: generateDigest(item), rendered: markdown === undefined ? undefined : { html: renderMarkdown(markdown) } });
      }
      // Every build is a full sync from the CMS, so nothing stale survives in Astro's cache.
      store.clear();
      for (const entry of entries) store.set(entry);
      logger.info(`${entries.length} ${path} from the CMS`);
    },
  };
}
