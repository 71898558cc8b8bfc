// The article pages' data: the paths of /tin-tuc/<slug>/, what each page shows besides the article
// (related and previous/next articles), and what it tells the page frame (link preview,
// structured data). The markup is the route's, src/pages/tin-tuc/[slug].astro.
import { getImage } from 'astro:assets';
import { mediaUrl } from './cms.ts';
import { usableCover, type UsableCover } from './cover.ts';
import { articleDate, cacheKey, digests, getArticles, getSettings, type ArticleEntry } from './data.ts';
import type { FrameProps } from './page-frame.ts';
import { urls } from './urls.ts';

const RELATED = 4;

// A type, not an interface: Astro's route props need an index signature, which only type
// aliases have implicitly.
export type ArticleProps = {
  article: ArticleEntry;
  related: ArticleEntry[];
  previous?: ArticleEntry;
  next?: ArticleEntry;
};

/**
 * What an article page shows besides the article, from the list of articles (newest first): the
 * previous article is the next one in the list, the next one the one before. Related: the latest
 * earlier articles on the same topics ("tin đã đưa"), topped up with the nearest later ones.
 * Preferring earlier articles keeps a new publication from changing, and so re-rendering, every
 * older page on its topics.
 */
function articleProps(articles: ArticleEntry[], index: number): ArticleProps {
  const article = articles[index];
  const areas = new Set(article.data.contentAreas.map((area) => area.slug));
  const sameTopic = (other: ArticleEntry) => other !== article && other.data.contentAreas.some((area) => areas.has(area.slug));
  // Walk outwards and stop once enough are found: filtering the whole list for each of
  // thousands of articles took seconds.
  const earlier: ArticleEntry[] = [];
  for (let i = index + 1; i < articles.length && earlier.length < RELATED; i++) if (sameTopic(articles[i])) earlier.push(articles[i]);
  const later: ArticleEntry[] = [];
  for (let i = index - 1; i >= 0 && earlier.length + later.length < RELATED; i--) if (sameTopic(articles[i])) later.unshift(articles[i]);
  return { article, related: [...later, ...earlier], previous: articles[index + 1], next: articles[index - 1] };
}

/** The route's paths, with a cache key from everything a page shows. */
export async function articlePaths() {
  const articles = await getArticles();
  return Promise.all(
    articles.map(async (_, index) => {
      const props = articleProps(articles, index);
      const { article, related, previous, next } = props;
      const shown = [article, ...related, previous, next].filter(Boolean) as ArticleEntry[];
      return { params: { slug: article.id }, props, cacheKey: await cacheKey(digests(shown), previous?.id, next?.id) };
    }),
  );
}

/**
 * Link previews (Facebook, Zalo) and search engines get a JPEG from the portal itself: the CMS is
 * private. One file: without `layout: 'none'` the site-wide responsive layout (astro.config.ts)
 * also made a srcset of eight more JPEGs per cover that no page used, half of a build's images.
 */
function shareImageOf(cover: UsableCover) {
  return getImage({
    src: mediaUrl(cover.image.url),
    width: 1200,
    height: Math.round((1200 * cover.image.height) / cover.image.width),
    format: 'jpg',
    layout: 'none',
  });
}

/** An article's absolute address on the portal (the site's SITE_URL): the printed address, its QR code and the JSON-LD. */
export function articlePublicUrl(article: ArticleEntry): string {
  return new URL(urls.article(article.data.slug), import.meta.env.SITE).href;
}

/** What an article page tells its frame: title, description, link preview and NewsArticle data. */
export async function articleFrame(article: ArticleEntry, publicUrl: string): Promise<FrameProps> {
  const { data } = article;
  const settings = await getSettings();
  const date = articleDate(article);
  const cover = usableCover(data);
  const shareImage = cover ? await shareImageOf(cover) : null;
  const shareImageUrl = shareImage ? new URL(shareImage.src, import.meta.env.SITE).href : undefined;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: data.title,
    description: data.summary,
    datePublished: date.toISOString(),
    dateModified: new Date(data.updatedAt).toISOString(),
    inLanguage: 'vi',
    mainEntityOfPage: publicUrl,
    url: publicUrl,
    ...(shareImageUrl ? { image: [shareImageUrl] } : {}),
    articleSection: data.contentAreas.map((area) => area.shortTitle),
    author: { '@type': 'GovernmentOrganization', name: `Ủy ban nhân dân ${settings.wardName}` },
    publisher: { '@type': 'GovernmentOrganization', name: settings.siteTitle },
  };
  return {
    settings,
    title: data.title,
    section: 'news',
    description: data.summary,
    jsonLd,
    preview: {
      type: 'article',
      publishedTime: date.toISOString(),
      modifiedTime: new Date(data.updatedAt).toISOString(),
      image:
        shareImage && cover
          ? { url: shareImageUrl!, width: Number(shareImage.attributes.width), height: Number(shareImage.attributes.height), alt: cover.alt }
          : undefined,
    },
  };
}
