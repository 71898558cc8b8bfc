import { describe, expect, it } from 'vitest';
import { pageKey, pagePath, paginate, pageRow, PAGE_SIZE } from '../src/pagination.ts';

/** Article numbers 1..n in publication order, listed newest first. */
const newestFirst = (n: number) => Array.from({ length: n }, (_, i) => n - i);

describe('paginate', () => {
  it('numbers pages from the oldest; the newest page holds what is left over', () => {
    const pages = paginate(newestFirst(25));
    expect(pages.map((page) => [page.number, page.newest, page.items])).toEqual([
      [1, false, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
      [2, true, [25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11]],
    ]);
    expect(pages.map(pagePath)).toEqual(['trang/1', undefined]);
  });

  it('lists every article once, newest first, whatever the count', () => {
    for (const n of [0, 1, 9, 10, 11, 19, 20, 21, 99, 100, 101]) {
      const pages = paginate(newestFirst(n));
      const listed = [...pages].reverse().flatMap((page) => page.items);
      expect(listed, `n = ${n}`).toEqual(newestFirst(n));
      expect(
        pages.filter((page) => page.newest),
        `n = ${n}`,
      ).toHaveLength(1);
      for (const page of pages) expect(page.items.length, `n = ${n}`).toBeLessThan(page.newest ? 2 * PAGE_SIZE : PAGE_SIZE + 1);
    }
  });

  it('keeps every numbered page, its articles and its links as newer articles are published', () => {
    let before = paginate(newestFirst(995));
    for (let n = 996; n <= 1040; n++) {
      const after = paginate(newestFirst(n));
      // Only the newest page and the pages next to it (whose links name it) may differ.
      const changed = after.filter((page) => {
        const old = before.find((candidate) => candidate.number === page.number);
        return !old || old.newest !== page.newest || pageKey(old) !== pageKey(page) || old.items.join() !== page.items.join();
      });
      expect(changed.length, `n = ${n}`).toBeLessThanOrEqual(6);
      expect(
        changed.every((page) => page.number >= after.length - 5),
        `n = ${n}`,
      ).toBe(true);
      before = after;
    }
  });
});

describe('pageRow', () => {
  it('shows the newest page, two either side and page 1, with gaps', () => {
    const pages = paginate(newestFirst(500));
    expect(pageRow(pages[49])).toEqual(['newest', 49, 48, 'gap', 1]);
    expect(pages[49].newest).toBe(true);
    expect(pageRow(pages[24])).toEqual(['newest', 'gap', 27, 26, 25, 24, 23, 'gap', 1]);
    expect(pageRow(pages[0])).toEqual(['newest', 'gap', 3, 2, 1]);
    expect(pageRow(pages[47])).toEqual(['newest', 49, 48, 47, 46, 'gap', 1]);
    // A gap of one page is shown as that page.
    expect(pageRow(pages[3])).toEqual(['newest', 'gap', 6, 5, 4, 3, 2, 1]);
  });
});
