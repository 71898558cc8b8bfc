import type { APIContext, GetStaticPaths } from 'astro';
import { articlesByOfficer, getArticles, getOfficers, type OfficerEntry } from '../../../lib/data.ts';
import { articleFeed } from '../../../lib/feed.ts';

export const getStaticPaths = (async () =>
  (await getOfficers()).map((officer) => ({ params: { slug: officer.data.slug }, props: { officer } }))) satisfies GetStaticPaths;

export async function GET(context: APIContext) {
  const { officer } = context.props as { officer: OfficerEntry };
  return articleFeed(context, {
    title: officer.data.positionTitle,
    description: `Tin bài do ${officer.data.positionTitle} phụ trách.`,
    articles: articlesByOfficer(await getArticles(), officer.data.slug),
  });
}
