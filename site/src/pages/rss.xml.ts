import type { APIContext } from 'astro';
import { getArticles, getSettings } from '../lib/data.ts';
import { articleFeed } from '../lib/feed.ts';

export async function GET(context: APIContext) {
  const settings = await getSettings();
  return articleFeed(context, {
    title: 'Tin mới',
    description: `Tin, bài tuyên truyền cải cách hành chính của ${settings.wardName}, ${settings.cityName}.`,
    articles: await getArticles(),
  });
}
