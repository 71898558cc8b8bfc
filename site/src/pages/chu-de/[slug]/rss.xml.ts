import type { APIContext, GetStaticPaths } from 'astro';
import { articlesInArea, cacheKey, digests, getAreas, getArticles, type AreaEntry } from '../../../lib/data.ts';
import { articleFeed, FEED_SIZE } from '../../../lib/feed.ts';
import { areaLabel } from '../../../lib/format.ts';

export const getStaticPaths = (async () => {
  const articles = await getArticles();
  return Promise.all(
    (await getAreas()).map(async (area) => ({
      params: { slug: area.data.slug },
      props: { area },
      cacheKey: await cacheKey(area.digest, digests(articlesInArea(articles, area.data.slug).slice(0, FEED_SIZE))),
    })),
  );
}) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const { area } = context.props as { area: AreaEntry };
  return articleFeed(context, {
    title: `Chủ đề ${areaLabel(area.data)}`,
    description: `Tin bài thuộc nội dung tuyên truyền: ${area.data.shortTitle}.`,
    articles: articlesInArea(await getArticles(), area.data.slug),
  });
}
