// Renders article bodies (Markdown from the CMS, to sanitised HTML) and writes them into the bodies
// folder (article-bodies.ts) for the content loader (strapi-loader.ts). A full sync hands over
// each page of entries as it arrives, and the bodies are rendered between the CMS's answers.
// (Worker threads once rendered them; at 2,000 articles cold builds were no faster with them,
// see docs/architecture.md.)
import { renderMarkdown } from '@loa/shared/markdown';
import { writeBody } from './article-bodies.ts';

export interface BodySource {
  digest: string;
  markdown: string;
}

/**
 * Writes bodies not on disk yet (a digest names its content, so a file that exists is complete)
 * while the caller goes on: a full sync hands over each page of entries as it is ready and awaits
 * `done()` before storing any of them.
 */
export class BodyWriter {
  private readonly dir: string;
  private readonly existing: Set<string>;
  private readonly seen: Set<string>;
  /** Batches rendered one after another. */
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(dir: string, existing: Set<string>) {
    this.dir = dir;
    this.existing = existing;
    this.seen = new Set(existing);
  }

  add(bodies: BodySource[]): void {
    // The same entry can arrive twice when it moved between pages while the CMS was paged.
    const fresh: BodySource[] = [];
    for (const body of bodies) {
      if (this.seen.has(body.digest)) continue;
      this.seen.add(body.digest);
      fresh.push(body);
    }
    if (fresh.length === 0) return;
    this.chain = this.chain
      .then(() => {
        if (this.failure) return;
        for (const { digest, markdown } of fresh) writeBody(this.dir, digest, renderMarkdown(markdown));
      })
      .catch((error: unknown) => void (this.failure ??= error));
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
