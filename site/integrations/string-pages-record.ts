// The record of the pages the build writes as strings beside Astro's own list of paths
// (parallel-render.ts, src/lib/article-pages.ts): for each page, the cache key it was written
// with, its file and the images it registered. It does for these pages what Astro's incremental
// manifest does for the others: a page whose key and code are unchanged, and whose file the
// builder copied in from the served build, is not written again, and its images are handed to
// Astro's image pipeline as recorded. The builder (scripts/lib/site.ts) reads it with Astro's
// manifest: its files are outputs of the build (kept when it prunes the copied pages), and it is
// part of the digest that says whether the served pages describe the cache.
//
// Plain TypeScript that Node runs as it is (type stripping): the builder loads it without Vite.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECORD_FILE = 'string-pages.json';

export interface StringPageRecord {
  cacheKey: string;
  /** The page's file, relative to the build's outDir, as Astro's manifest names its own. */
  outputFile: string;
  /** Astro's records of the optimised images the page registered. */
  staticImages: unknown[];
  /** Original image files the page referred to, which Astro keeps in the build. */
  referencedImages: string[];
}

export interface StringPagesRecord {
  version: 1;
  /** What every page also depends on: the code that writes them, their stylesheets, the site's URL. */
  codeKey: string;
  /** By pathname (`/tin-tuc/<slug>/`). */
  pages: Record<string, StringPageRecord>;
}

/** The record's bytes as the last build left them, or null. */
export function readRecordBytes(cacheDir: string): Buffer | null {
  try {
    return readFileSync(join(cacheDir, RECORD_FILE));
  } catch {
    return null;
  }
}

/** The last build's record; null if there is none or it cannot be read (every page is written then). */
export function readRecord(cacheDir: string): StringPagesRecord | null {
  const bytes = readRecordBytes(cacheDir);
  return bytes && parseRecord(bytes);
}

/** A record from its bytes; null if they are not one. */
export function parseRecord(bytes: Buffer): StringPagesRecord | null {
  try {
    const record = JSON.parse(bytes.toString('utf8')) as StringPagesRecord;
    return record.version === 1 && typeof record.codeKey === 'string' && record.pages && typeof record.pages === 'object' ? record : null;
  } catch {
    return null;
  }
}

/** Writes the record whole or not at all (a temporary file, then renamed). */
export function writeRecord(cacheDir: string, record: StringPagesRecord): void {
  mkdirSync(cacheDir, { recursive: true });
  const temporary = join(cacheDir, `${RECORD_FILE}.${process.pid}.tmp`);
  writeFileSync(temporary, JSON.stringify(record));
  renameSync(temporary, join(cacheDir, RECORD_FILE));
}

/**
 * The pages of the build in progress written this way (`tin-tuc/<slug>/`, as Astro lists its
 * pages to integrations): the sitemap and the search index add them to Astro's list.
 */
export const stringPagesOfBuild: { pathnames: string[] } = { pathnames: [] };
