// Reads built article pages for the search index (search-index.ts): the indexed parts of each page
// and its counted words, about 0.3 ms a page. (A worker thread reading half the pages saved
// nothing at 2,000 articles on two cores: 0.65 to 1.1 s either way.)
import { readFile } from 'node:fs/promises';
import { decodeHTML } from 'entities';
import { fragmentOf, indexEntry, type IndexEntry, type SearchDocument } from '@loa/shared/search';

/**
 * Plain text of an HTML fragment of our own pages: tags become spaces, entities characters, and
 * every run of white space one space. Only runs that are not already one space are replaced:
 * replacing each of the thousand single spaces of an article took twice the rest of this.
 */
function text(html: string): string {
  return decodeHTML(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s\s+|[^\S ]/g, ' ')
    .trim();
}

/**
 * The content of the first element from `from` on with the attribute data-search="<name>", up to
 * the first closing tag of its name (our markup never nests one in itself). Found by plain
 * searches: regular expressions tried at every tag from the top of the page took a tenth of the
 * reading time at 10,000 articles.
 */
function partOf(html: string, name: string, from: number): string | undefined {
  const attribute = html.indexOf(` data-search="${name}"`, from);
  if (attribute < 0) return undefined;
  const open = html.lastIndexOf('<', attribute);
  const tag = /^<(\w+)/.exec(html.slice(open, attribute))?.[1];
  const start = html.indexOf('>', attribute) + 1;
  const end = tag && start > 0 ? html.indexOf(`</${tag}>`, start) : -1;
  return end < 0 ? undefined : html.slice(start, end);
}

/** The indexed parts of a built article page, or null for a page without them. */
function readArticlePage(html: string, url: string): SearchDocument | null {
  const article = /<article\b[^>]*\bdata-search-date="([^"]+)"[^>]*>/.exec(html);
  if (!article) return null;
  const areas = /\bdata-search-areas="([^"]*)"/.exec(article[0])?.[1] ?? '';
  const part = (name: string) => partOf(html, name, article.index);
  const start = html.indexOf('<!--search-body-->', article.index);
  const end = html.indexOf('<!--/search-body-->', start);
  const title = part('title');
  const dateLabel = part('date');
  if (title === undefined || dateLabel === undefined || start < 0 || end < 0) {
    throw new Error(`${url}: the article page lacks the title, date or body markers the search index reads`);
  }
  return {
    url,
    title: text(title),
    dateLabel: text(dateLabel),
    date: article[1],
    areas: areas.split(' ').filter(Boolean),
    summary: text(part('summary') ?? ''),
    body: text(html.slice(start, end)),
  };
}

export interface PageToRead {
  url: string;
  file: string;
}

/** What the index takes from a page with an article: its counted words and its article file. */
export interface ReadPage {
  url: string;
  entry: IndexEntry;
  /** The article file (f/<id>.json) as JSON: what a search result shows. */
  fragment: string;
}

/** Reads pages, in their order; a page without an article is left out. */
export async function readPages(pages: PageToRead[]): Promise<ReadPage[]> {
  const read: ReadPage[] = [];
  for (let i = 0; i < pages.length; i += 64) {
    const batch = await Promise.all(pages.slice(i, i + 64).map(async ({ url, file }) => ({ url, html: await readFile(file, 'utf8') })));
    for (const { url, html } of batch) {
      const doc = readArticlePage(html, url);
      if (doc) read.push({ url, entry: indexEntry(doc), fragment: JSON.stringify(fragmentOf(doc)) });
    }
  }
  return read;
}
