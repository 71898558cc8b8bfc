// The listing pages: all news (/tin-tuc/), a topic (/chu-de/<area>/) and an officer
// (/phu-trach/<officer>/), each cut into pages of ten (shared/src/pagination.ts). Astro renders
// them through their routes in src/pages/; the markup is still built as strings here (issue 18
// moves it into .astro components).
import { articleCardHtml, breadcrumbHtml } from './article-view.ts';
import {
  articleDate,
  articlesByOfficer,
  articlesInArea,
  cacheKey,
  digests,
  getAreas,
  getArticles,
  getOfficers,
  getSettings,
  pageKey,
  pagePath,
  paginate,
  pageRow,
  type AreaEntry,
  type ArticleEntry,
  type OfficerEntry,
  type Page,
} from './data.ts';
import { areaLabel } from './format.ts';
import { attr, text } from './html.ts';
import type { FrameProps } from './page-frame.ts';
import { urls } from './urls.ts';

/** The routes of the listing pages, as Astro names their components. */
export const listingComponents = {
  news: 'src/pages/tin-tuc/[...page].astro',
  area: 'src/pages/chu-de/[slug]/[...page].astro',
  officer: 'src/pages/phu-trach/[slug]/[...page].astro',
} as const;

export type ListingProps =
  | { kind: 'news'; page: Page<ArticleEntry> }
  | { kind: 'area'; area: AreaEntry; page: Page<ArticleEntry> }
  | { kind: 'officer'; officer: OfficerEntry; page: Page<ArticleEntry> };

/**
 * Page links of a listing, newest first: the newest page, two either side of the current one and
 * page 1, so a listing of hundreds of pages stays a short row on a phone. Pages are numbered from
 * the oldest and keep their articles; "Trang sau" leads to older news.
 */
function paginationHtml(base: string, page: Page<unknown>): string {
  if (page.count <= 1) return '';
  const href = (n: number) => (n === page.count ? base : urls.listingPage(base, n));
  let html = '<nav class="pagination" aria-label="Phân trang"><ul>';
  if (!page.newest) html += `<li><a${attr('href', href(page.number + 1))} rel="prev">‹ Trang trước</a></li>`;
  for (const link of pageRow(page)) {
    html += '<li>';
    if (link === 'gap') html += '<span class="pagination__gap" aria-hidden="true">…</span>';
    else if (link === 'newest') html += page.newest ? '<span aria-current="page">Mới nhất</span>' : `<a${attr('href', base)}>Mới nhất</a>`;
    else if (link === page.number) html += `<span aria-current="page">${link}</span>`;
    else html += `<a${attr('href', href(link))}${attr('aria-label', `Trang ${link}`)}>${link}</a>`;
    html += '</li>';
  }
  if (page.number > 1) html += `<li><a${attr('href', href(page.number - 1))} rel="next">Trang sau ›</a></li>`;
  return `${html}</ul></nav>`;
}

/** A list of article cards, as the listings and the monthly archive show them. */
export async function cardListHtml(articles: ArticleEntry[], headingLevel: 2 | 3 = 2): Promise<string> {
  const cards = await Promise.all(articles.map((article) => articleCardHtml(article.data, articleDate(article), { headingLevel })));
  return `<ul class="card-list">${cards.map((card) => `<li>${card}</li>`).join('')}</ul>`;
}

/** A listing page's cards and page links. */
async function articleListHtml(page: Page<ArticleEntry>, base: string, headingLevel: 2 | 3 = 2): Promise<string> {
  const list = page.items.length > 0 ? await cardListHtml(page.items, headingLevel) : '<p>Chưa có tin bài nào.</p>';
  return list + paginationHtml(base, page);
}

/** What a topic's or an officer's own text says, rendered from the CMS's Markdown by the loader. */
function renderedHtml(entry: { rendered?: { html: string } }): string {
  return entry.rendered?.html ?? '';
}

/** A listing page: its frame's properties and what goes inside `<main>`. */
export async function listingPage(props: ListingProps): Promise<{ frame: FrameProps; main: string }> {
  const settings = await getSettings();
  const { page } = props;
  if (props.kind === 'news') {
    const title = page.newest ? 'Tin tức' : `Tin tức - trang ${page.number}`;
    const main = `${breadcrumbHtml([{ href: urls.home, label: 'Trang chủ' }, { label: 'Tin tức' }])}<h1>${text(title)}</h1>${await articleListHtml(page, urls.news)}`;
    return { frame: { settings, title, section: 'news', description: 'Tất cả tin, bài tuyên truyền cải cách hành chính, mới nhất trước.' }, main };
  }
  if (props.kind === 'area') {
    const { area } = props;
    const label = areaLabel(area.data);
    const title = page.newest ? label : `${label} - trang ${page.number}`;
    const feed = { url: urls.areaFeed(area.data.slug), title: `Tin bài chủ đề: ${area.data.shortTitle}` };
    let main = `${breadcrumbHtml([{ href: urls.home, label: 'Trang chủ' }, { href: urls.areas, label: 'Chủ đề' }, { label }])}<h1>${text(title)}</h1>`;
    if (page.newest) {
      const year = area.data.plan ? ` năm ${area.data.plan.year}` : '';
      main += `<section class="panel" aria-labelledby="noi-dung-ke-hoach"><h2 id="noi-dung-ke-hoach">Nội dung trong kế hoạch${text(year)}</h2>${renderedHtml(area)}</section>`;
    }
    main +=
      `<p><a class="feed-link"${attr('href', feed.url)}>Theo dõi chủ đề này qua RSS</a></p><h2>Tin bài</h2>` +
      (await articleListHtml(page, urls.area(area.data.slug), 3));
    return { frame: { settings, title, section: 'areas', feed, description: `Tin bài thuộc nội dung tuyên truyền: ${area.data.shortTitle}.` }, main };
  }
  const { data } = props.officer;
  const title = page.newest ? data.positionTitle : `${data.positionTitle} - trang ${page.number}`;
  const feed = { url: urls.officerFeed(data.slug), title: `Tin bài do ${data.positionTitle} phụ trách` };
  let main =
    breadcrumbHtml([{ href: urls.home, label: 'Trang chủ' }, { href: urls.officers, label: 'Cán bộ phụ trách' }, { label: data.positionTitle }]) +
    `<h1>${text(title)}</h1>`;
  if (page.newest) {
    main += `<section class="panel" aria-labelledby="nhiem-vu"><h2 id="nhiem-vu">Nhiệm vụ được phân công</h2>${renderedHtml(props.officer)}`;
    if (data.holderName || data.phone || data.email) {
      main += '<p>';
      if (data.holderName) main += `Người đảm nhiệm: ${text(data.holderName)}. `;
      if (data.phone) main += `Điện thoại: <a${attr('href', `tel:${data.phone.replace(/[^\d+]/g, '')}`)}>${text(data.phone)}</a>. `;
      if (data.email) main += `Thư điện tử: <a${attr('href', `mailto:${data.email}`)}>${text(data.email)}</a>`;
      main += '</p>';
    }
    main += '</section>';
  }
  main +=
    `<p><a class="feed-link"${attr('href', feed.url)}>Theo dõi tin bài của cán bộ phụ trách này qua RSS</a></p><h2>Tin bài phụ trách</h2>` +
    (await articleListHtml(page, urls.officer(data.slug), 3));
  return { frame: { settings, title, section: 'officers', feed, description: `Nhiệm vụ và tin bài do ${data.positionTitle} phụ trách.` }, main };
}

/** One listing page with its address and what its cache key is made of. */
interface Listed {
  component: string;
  pathname: string;
  params: Record<string, string | undefined>;
  props: ListingProps;
  key: (string | number | undefined)[];
}

/** Every listing page, in the order of the routes' own lists. */
async function listAll(): Promise<Listed[]> {
  const articles = await getArticles();
  const at = (base: string, page: Page<unknown>) => (page.newest ? base : urls.listingPage(base, page.number));
  const news = paginate(articles).map(
    (page): Listed => ({
      component: listingComponents.news,
      pathname: at(urls.news, page),
      params: { page: pagePath(page) },
      props: { kind: 'news', page },
      key: [pageKey(page), digests(page.items)],
    }),
  );
  // A topic's or an officer's listing: its own text (digest) and its articles.
  const listingsOf = <E extends { data: { slug: string }; digest?: string | number }>(
    entries: E[],
    component: string,
    base: (slug: string) => string,
    articlesOf: (slug: string) => ArticleEntry[],
    props: (entry: E, page: Page<ArticleEntry>) => ListingProps,
  ) =>
    entries.flatMap((entry) =>
      paginate(articlesOf(entry.data.slug)).map(
        (page): Listed => ({
          component,
          pathname: at(base(entry.data.slug), page),
          params: { slug: entry.data.slug, page: pagePath(page) },
          props: props(entry, page),
          key: [entry.digest, pageKey(page), digests(page.items)],
        }),
      ),
    );
  const areas = listingsOf(
    await getAreas(),
    listingComponents.area,
    urls.area,
    (slug) => articlesInArea(articles, slug),
    (area, page) => ({ kind: 'area', area, page }),
  );
  const officers = listingsOf(
    await getOfficers(),
    listingComponents.officer,
    urls.officer,
    (slug) => articlesByOfficer(articles, slug),
    (officer, page) => ({ kind: 'officer', officer, page }),
  );
  return [...news, ...areas, ...officers];
}

let listedOnce: Promise<Listed[]> | undefined;

/**
 * Every listing page, worked out once per build and thread (as getArticles reads the articles
 * once): the three routes' paths and the lookup by address all come from it. `astro dev` works it
 * out afresh, as content may change there.
 */
function listed(): Promise<Listed[]> {
  if (import.meta.env.DEV) return listAll();
  return (listedOnce ??= listAll());
}

/** A listing route's paths for getStaticPaths, with a cache key from everything a page shows. */
export async function listingPaths(component: string) {
  const own = (await listed()).filter((page) => page.component === component);
  return Promise.all(own.map(async ({ params, props, key }) => ({ params, props, cacheKey: await cacheKey(...key) })));
}
