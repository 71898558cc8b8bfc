// Article bodies live beside Astro's content store, one HTML file per entry digest, instead of
// inside it. Astro turns the whole store into a JavaScript module on every build: with bodies in
// it that was 36 MB at 5,000 articles, serialised, bundled and compiled again for each publish,
// and held in memory twice. The loader writes a body (body-writer.ts) before it stores its entry;
// the article page reads only its own.
//
// Article pages import this module, so it stays small: no Markdown renderer.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

declare const __LOA_ARTICLE_BODIES__: string;

/** The folder, fixed by astro.config.ts from its cacheDir (kept between builds by the builder). */
export function bodiesDir(): string {
  return __LOA_ARTICLE_BODIES__;
}

const file = (dir: string, digest: string) => join(dir, `${digest}.html`);

/**
 * Writes one body: under a temporary name first, then renamed, so a crash never leaves half a
 * body under a digest. The writer (body-writer.ts) calls it. Synchronously: a full sync writes thousands, and each promise-based write cost
 * two to three times the CPU of a synchronous one (5,000 bodies on tmpfs: 0.40 to 0.55 s against
 * 0.15 s), on cores the CMS and the Markdown rendering need meanwhile.
 */
export function writeBody(dir: string, digest: string, html: string): void {
  const temporary = `${file(dir, digest)}.${process.pid}.tmp`;
  writeFileSync(temporary, html);
  renameSync(temporary, file(dir, digest));
}

export function removeBody(dir: string, digest: string): void {
  rmSync(file(dir, digest), { force: true });
}

/** The digests that have a body on disk; creates the folder if there is none. */
export function storedBodies(dir: string): Set<string> {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return new Set();
  }
  return new Set(
    readdirSync(dir)
      .filter((name) => name.endsWith('.html'))
      .map((name) => name.slice(0, -'.html'.length)),
  );
}

/** An article's sanitised body HTML; a missing file fails the build naming the entry. */
export function readBody(entry: { id: string; digest?: string | number }): string {
  if (!entry.digest) throw new Error(`Article "${entry.id}" has no digest, so its body cannot be found`);
  try {
    return readFileSync(file(bodiesDir(), String(entry.digest)), 'utf8');
  } catch (error) {
    throw new Error(`The body of article "${entry.id}" is missing from ${bodiesDir()} (${(error as Error).message}); the next build fetches it again`);
  }
}
