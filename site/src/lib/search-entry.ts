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

/**
 * The content of the first element from `from` on with the attribute data-search="<name>", up to
 * the first closing tag of its name (our markup never nests one in itself). Found by plain
 * searches: regular expressions tried at every tag from the top of the page took a tenth of the
 * index's time at 10,000 articles.
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
