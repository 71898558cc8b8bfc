// What the search index (integrations/search-index.ts) keeps of an article page, read from the
// page's HTML: only what residents can read gets indexed, so a draft can never reach the index.
// The thread that writes an article page takes its entry from the HTML it has just made
// (src/lib/article-pages.ts, through integrations/parallel-render.ts); pages written otherwise are
// read back from disk (integrations/search-pages.ts).
//
// Plain TypeScript that Node runs as it is (type stripping): the search index's page-reading
// workers load it without Vite.
import { decodeHTML } from 'entities';
import { fragmentOf, indexEntry, type IndexEntry, type SearchDocument } from '@loa/shared/search';

/** Plain text of an HTML fragment of our own pages: tags become spaces, entities characters. */
function text(html: string): string {
  return decodeHTML(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The indexed parts of a built article page, or null for a page without them. */
function readArticlePage(html: string, url: string): SearchDocument | null {
  const article = /<article\b[^>]*\bdata-search-date="([^"]+)"[^>]*>/.exec(html);
  if (!article) return null;
  const areas = /\bdata-search-areas="([^"]*)"/.exec(article[0])?.[1] ?? '';
  const part = (name: string) => new RegExp(`<(\\w+)\\b[^>]*\\bdata-search="${name}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html)?.[2];
  const start = html.indexOf('<!--search-body-->');
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

/** What the index takes from a page with an article: its counted words and its article file. */
export interface ReadPage {
  url: string;
  entry: IndexEntry;
  /** The article file (f/<id>.json) as JSON: what a search result shows. */
  fragment: string;
}

/** The index's entry of the page at `url`, from its HTML; null for a page without an article. */
export function pageEntry(html: string, url: string): ReadPage | null {
  const doc = readArticlePage(html, url);
  return doc && { url, entry: indexEntry(doc), fragment: JSON.stringify(fragmentOf(doc)) };
}
