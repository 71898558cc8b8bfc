// What pages need from the content collections, sorted and grouped once.
import { createHash } from 'node:crypto';
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { isoDateInVietnam } from '@loa/shared/dates';
import { compareVietnamese } from '@loa/shared/vietnamese';

export type ArticleEntry = CollectionEntry<'articles'>;
export type AreaEntry = CollectionEntry<'contentAreas'>;
export type OfficerEntry = CollectionEntry<'officers'>;

/** The date residents see: the first publication, not the last re-publish. */
export function articleDate(article: ArticleEntry): Date {
  return new Date(article.data.firstPublishedAt ?? article.data.publishedAt);
}

async function loadArticles(): Promise<ArticleEntry[]> {
  const articles = await getCollection('articles');
  const time = new Map(articles.map((article) => [article, articleDate(article).getTime()]));
  return articles.sort((a, b) => time.get(b)! - time.get(a)! || compareVietnamese(a.data.title, b.data.title));
}

let articlesOnce: Promise<ArticleEntry[]> | undefined;

/**
 * Published articles, newest first. A build's content never changes while it runs, and every
 * route asks for this list: it is read and sorted once (thousands of entries took seconds when
 * each route did it again). Callers must not mutate it. `astro dev` reads afresh, as content may
 * change there.
 */
export function getArticles(): Promise<ArticleEntry[]> {
  if (import.meta.env.DEV) return loadArticles();
  return (articlesOnce ??= loadArticles());
}

export async function getAreas(): Promise<AreaEntry[]> {
  return (await getCollection('contentAreas')).sort((a, b) => a.data.order - b.data.order || compareVietnamese(a.data.letter, b.data.letter));
}

export async function getOfficers(): Promise<OfficerEntry[]> {
  return (await getCollection('officers')).sort((a, b) => a.data.order - b.data.order);
}

async function loadSettingsEntry() {
  const entry = await getEntry('settings', 'site-setting');
  if (!entry) throw new Error('Site settings are missing from the CMS ("Thông tin phường").');
  return entry;
}

let settingsOnce: ReturnType<typeof loadSettingsEntry> | undefined;

/**
 * Every page and every cache key reads the site settings: read once, as getArticles does. Each
 * getEntry call imports a module inside Astro; at 10,000 articles those imports took about 0.6 s.
 */
function settingsEntry() {
  if (import.meta.env.DEV) return loadSettingsEntry();
  return (settingsOnce ??= loadSettingsEntry());
}

export async function getSettings() {
  return (await settingsEntry()).data;
}

/**
 * Cache key for incremental builds (experimental.incrementalBuild): a page whose key and code are
 * unchanged since the last build is copied, not rendered. Every page shows the site settings
 * (header, footer), so their digest is part of every key; callers add the digests of what the
 * page itself shows.
 */
export async function cacheKey(...parts: (string | number | undefined)[]): Promise<string> {
  const hash = createHash('sha256').update(String((await settingsEntry()).digest));
  for (const part of parts) hash.update('|').update(String(part ?? ''));
  return hash.digest('base64url');
}

/** Digests of a list of entries, in order: a listing page's key. */
export function digests(entries: { id: string; digest?: string | number }[]): string {
  return entries.map((entry) => `${entry.id}:${entry.digest ?? ''}`).join(',');
}

export type PlanEntry = CollectionEntry<'plans'>;

export async function getPlans(): Promise<PlanEntry[]> {
  return (await getCollection('plans')).sort((a, b) => b.data.year - a.data.year);
}

export async function getChannels() {
  return (await getCollection('channels')).sort((a, b) => a.data.order - b.data.order);
}

/** Year and month (1-12) in which an article was first published, in Vietnam time. */
export function articleMonth(article: ArticleEntry): { year: number; month: number } {
  const [year, month] = isoDateInVietnam(articleDate(article)).split('-').map(Number);
  return { year, month };
}

/**
 * A list of articles grouped once by `keys` (an article under each of its keys, in list order),
 * per list: the listings, feeds, plan and home pages all ask for each topic's and each officer's
 * articles, and filtering thousands of articles for each question took a tenth of a second of
 * every rendering thread. Callers must not mutate the groups.
 */
function grouper(keys: (article: ArticleEntry) => string[]) {
  const groupsOf = new WeakMap<ArticleEntry[], Map<string, ArticleEntry[]>>();
  return (articles: ArticleEntry[], key: string): ArticleEntry[] => {
    let groups = groupsOf.get(articles);
    if (!groups) {
      groups = new Map();
      for (const article of articles) {
        for (const each of new Set(keys(article))) {
          const group = groups.get(each);
          if (group) group.push(article);
          else groups.set(each, [article]);
        }
      }
      groupsOf.set(articles, groups);
    }
    return groups.get(key) ?? [];
  };
}

/** The articles of a list tagged with a content area, in list order. */
export const articlesInArea = grouper((article) => article.data.contentAreas.map((area) => area.slug));

/** The articles of a list an officer is responsible for, in list order. */
export const articlesByOfficer = grouper((article) => [article.data.responsibleOfficer.slug]);

export { pageKey, pagePath, paginate, pageRow, type Page, type PageLink } from '@loa/shared/pagination';
