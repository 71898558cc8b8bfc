import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { articleDate, getSettings, type ArticleEntry } from './data.ts';
import { areaLabel } from './format.ts';
import { urls } from './urls.ts';

/** Text for an HTML context: the five characters HTML gives a meaning to, as entities. */
function escapeText(value: string): string {
  return value.replace(/[&<>'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Items per feed: readers poll feeds, so they carry the latest news, not the archive. */
export const FEED_SIZE = 50;

interface FeedOptions {
  title: string;
  description: string;
  /** Articles newest first. */
  articles: ArticleEntry[];
}

/** An RSS 2.0 feed with absolute links, pubDate and the plan's content areas as categories. */
export async function articleFeed(context: APIContext, { title, description, articles }: FeedOptions) {
  const settings = await getSettings();
  if (!context.site) throw new Error('astro.config `site` must be set for absolute feed links');
  return rss({
    title: `${title} | ${settings.siteTitle}`,
    description,
    site: context.site,
    trailingSlash: true,
    customData: '<language>vi</language>',
    items: articles.slice(0, FEED_SIZE).map((article) => ({
      title: article.data.title,
      link: urls.article(article.data.slug),
      pubDate: articleDate(article),
      // RSS readers render <description> as HTML; the summary is plain text, so it is escaped
      // once more: "<img …>" typed in a summary shows as those characters, not as an image.
      description: escapeText(article.data.summary),
      categories: article.data.contentAreas.map(areaLabel),
      author: undefined,
    })),
  });
}
