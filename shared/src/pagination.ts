// Listing pages numbered from the oldest, so that a publish re-renders a listing's newest page, not all.

/** Articles per listing page. */
export const PAGE_SIZE = 10;

/**
 * One page of a listing. Pages are numbered from the oldest, and each holds a fixed run of
 * articles (1 the oldest ten, 2 the next ten...); the newest page, the listing's own address,
 * holds what is left over, between one and two pages' worth. A newly published article then
 * changes only the newest page (and, every tenth time, opens one more numbered page): every other
 * page keeps its articles and its address, so links to "trang 3" stay true, and a publish
 * re-renders the newest page of each listing showing the article instead of every page.
 */
export interface Page<T> {
  /** Newest first. */
  items: T[];
  number: number;
  /** How many pages the listing has: the newest page's number. */
  count: number;
  newest: boolean;
}

/** Splits a list (newest first) into listing pages; an empty list still has one (empty) page. */
export function paginate<T>(items: T[], size = PAGE_SIZE): Page<T>[] {
  const count = Math.max(1, Math.floor(items.length / size));
  // Page k holds the articles in places (k-1)*size .. k*size-1 counted from the oldest.
  return Array.from({ length: count }, (_, i) => {
    const number = i + 1;
    const start = number === count ? 0 : items.length - number * size;
    return { items: items.slice(start, items.length - i * size), number, count, newest: number === count };
  });
}

/** The page's path under its listing's address: none for the newest page. */
export function pagePath(page: Page<unknown>): string | undefined {
  return page.newest ? undefined : `trang/${page.number}`;
}

/** A link in a page row: a numbered page, the newest page, or a gap (an ellipsis). */
export type PageLink = number | 'newest' | 'gap';

/**
 * The row of page links a listing page shows, newest first: the newest page, two pages either
 * side of this one, and page 1. A gap of one page is shown as that page, a longer one as an
 * ellipsis. It names the page count nowhere, so it stays the same as newer articles arrive.
 */
export function pageRow(page: Page<unknown>): PageLink[] {
  const { number, count } = page;
  const shown = [...new Set([count, number + 2, number + 1, number, number - 1, number - 2, 1])].filter((n) => n >= 1 && n <= count).sort((a, b) => b - a);
  const row: PageLink[] = [];
  let last: number | undefined;
  for (const n of shown) {
    if (last !== undefined && last - n === 2) row.push(last - 1);
    else if (last !== undefined && last - n > 2) row.push('gap');
    row.push(n === count ? 'newest' : n);
    last = n;
  }
  return row;
}

/** What a listing page's links depend on, for its cache key. */
export function pageKey(page: Page<unknown>): string {
  return `${page.newest ? 'newest' : page.number}|${pageRow(page).join(',')}`;
}
