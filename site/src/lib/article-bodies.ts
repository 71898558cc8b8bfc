// Article bodies live beside Astro's content store, one HTML file per entry digest, instead of
// inside it. Astro turns the whole store into a JavaScript module on every build: with bodies in
// it that was 36 MB at 5,000 articles, serialised, bundled and compiled again for each publish,
// and held in memory twice. The loader writes a body when it stores its entry; the article page
// reads only its own.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

declare const __LOA_ARTICLE_BODIES__: string;

/** The folder, fixed by astro.config.ts from its cacheDir (kept between builds by the builder). */
export function bodiesDir(): string {
  return __LOA_ARTICLE_BODIES__;
}

const file = (dir: string, digest: string) => join(dir, `${digest}.html`);

/**
 * Writes bodies not on disk yet (a digest names its content, so a file that exists is complete),
 * a few at a time off the main thread, while the caller goes on: a full sync hands over each page
 * of entries as it is ready and awaits `done()` before storing any of them. Each body goes under
 * a temporary name and is renamed, so a crash never leaves half a body under a digest.
 */
export class BodyWriter {
  private readonly dir: string;
  private readonly existing: Set<string>;
  private readonly seen: Set<string>;
  /** The writes handed over so far, 32 at a time, one batch after another. */
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(dir: string, existing: Set<string>) {
    this.dir = dir;
    this.existing = existing;
    this.seen = new Set(existing);
  }

  add(bodies: { digest: string; html: string }[]): void {
    // The same entry can arrive twice when it moved between pages while the CMS was paged.
    const fresh: { digest: string; html: string }[] = [];
    for (const body of bodies) {
      if (this.seen.has(body.digest)) continue;
      this.seen.add(body.digest);
      fresh.push(body);
    }
    for (let i = 0; i < fresh.length; i += 32) {
      const batch = fresh.slice(i, i + 32);
      this.chain = this.chain
        .then(async () => {
          if (this.failure) return;
          await Promise.all(
            batch.map(async ({ digest, html }) => {
              const temporary = `${file(this.dir, digest)}.${process.pid}.tmp`;
              await writeFile(temporary, html);
              await rename(temporary, file(this.dir, digest));
            }),
          );
        })
        .catch((error: unknown) => {
          this.failure ??= error;
        });
    }
  }

  /** The digests handed over that were not on disk before. */
  written(): string[] {
    return [...this.seen].filter((digest) => !this.existing.has(digest));
  }

  /** Resolves once every body handed over is on disk; rejects if any could not be written. */
  async done(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }
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
  return new Set(readdirSync(dir).filter((name) => name.endsWith('.html')).map((name) => name.slice(0, -'.html'.length)));
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
