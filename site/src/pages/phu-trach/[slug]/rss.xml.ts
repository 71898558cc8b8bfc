import type { APIContext, GetStaticPaths } from 'astro';
import { articlesByOfficer, cacheKey, digests, getArticles, getOfficers, type OfficerEntry } from '../../../lib/data.ts';
import { articleFeed, FEED_SIZE } from '../../../lib/feed.ts';

export const getStaticPaths = (async () => {
  const articles = await getArticles();
  return Promise.all(
    (await getOfficers()).map(async (officer) => ({
      params: { slug: officer.data.slug },
      props: { officer },
      cacheKey: await cacheKey(officer.digest, digests(articlesByOfficer(articles, officer.data.slug).slice(0, FEED_SIZE))),
    })),
  );
}) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const { officer } = context.props as { officer: OfficerEntry };
  return articleFeed(context, {
    title: officer.data.positionTitle,
    description: `Tin bài do ${officer.data.positionTitle} phụ trách.`,
    articles: articlesByOfficer(await getArticles(), officer.data.slug),
  });
}
