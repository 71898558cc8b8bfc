import type { APIContext, GetStaticPaths } from 'astro';
import { articlesInArea, getAreas, getArticles, type AreaEntry } from '../../../lib/data.ts';
import { articleFeed } from '../../../lib/feed.ts';
import { areaLabel } from '../../../lib/format.ts';

export const getStaticPaths = (async () =>
  (await getAreas()).map((area) => ({ params: { slug: area.data.slug }, props: { area } }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const { area } = context.props as { area: AreaEntry };
  return articleFeed(context, {
    title: `Chủ đề ${areaLabel(area.data)}`,
    description: `Tin bài thuộc nội dung tuyên truyền: ${area.data.shortTitle}.`,
    articles: articlesInArea(await getArticles(), area.data.slug),
  });
}
