// The listing pages' paths: all news (/tin-tuc/), a topic (/chu-de/<area>/) and an officer
// (/phu-trach/<officer>/), each cut into pages (shared/src/pagination.ts). Their markup is in
// their routes, src/pages/tin-tuc/[...page].astro, chu-de/[slug]/[...page].astro and
// phu-trach/[slug]/[...page].astro.
import {
  articlesByOfficer,
  articlesInArea,
  cacheKey,
  digests,
  getAreas,
  getArticles,
  getOfficers,
  pageKey,
  pagePath,
  paginate,
  type AreaEntry,
  type ArticleEntry,
  type OfficerEntry,
  type Page,
} from './data.ts';

/** The routes of the listing pages, as Astro names their components. */
export const listingComponents = {
  news: 'src/pages/tin-tuc/[...page].astro',
  area: 'src/pages/chu-de/[slug]/[...page].astro',
  officer: 'src/pages/phu-trach/[slug]/[...page].astro',
} as const;

export type NewsListingProps = { page: Page<ArticleEntry> };
export type AreaListingProps = { area: AreaEntry; page: Page<ArticleEntry> };
export type OfficerListingProps = { officer: OfficerEntry; page: Page<ArticleEntry> };
export type ListingProps = NewsListingProps | AreaListingProps | OfficerListingProps;

/** A page's title: the listing's name, and its number below the newest page. */
export function listingTitle(name: string, page: Page<unknown>): string {
  return page.newest ? name : `${name} - trang ${page.number}`;
}

/** One listing page: its route, params, props and what its cache key is made of. */
interface Listed {
  component: string;
  params: Record<string, string | undefined>;
  props: ListingProps;
  key: (string | number | undefined)[];
}

/** Every listing page, in the order of the routes' own lists. */
async function listAll(): Promise<Listed[]> {
  const articles = await getArticles();
  const news = paginate(articles).map(
    (page): Listed => ({
      component: listingComponents.news,
      params: { page: pagePath(page) },
      props: { page },
      key: [pageKey(page), digests(page.items)],
    }),
  );
  // A topic's or an officer's listing: its own text (digest) and its articles.
  const listingsOf = <E extends { data: { slug: string }; digest?: string | number }>(
    entries: E[],
    component: string,
    articlesOf: (slug: string) => ArticleEntry[],
    props: (entry: E, page: Page<ArticleEntry>) => ListingProps,
  ) =>
    entries.flatMap((entry) =>
      paginate(articlesOf(entry.data.slug)).map(
        (page): Listed => ({
          component,
          params: { slug: entry.data.slug, page: pagePath(page) },
          props: props(entry, page),
          key: [entry.digest, pageKey(page), digests(page.items)],
        }),
      ),
    );
  const areas = listingsOf(
    await getAreas(),
    listingComponents.area,
    (slug) => articlesInArea(articles, slug),
    (area, page) => ({ area, page }),
  );
  const officers = listingsOf(
    await getOfficers(),
    listingComponents.officer,
    (slug) => articlesByOfficer(articles, slug),
    (officer, page) => ({ officer, page }),
  );
  return [...news, ...areas, ...officers];
}

let listedOnce: Promise<Listed[]> | undefined;

/**
 * Every listing page, worked out once per build and thread (as getArticles reads the articles
 * once): the three routes' paths all come from it. `astro dev` works it out afresh, as content may
 * change there.
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
