// Attachments of published articles and plans, copied from the CMS into the static site at build
// time, so residents download them from the portal and the CMS stays private.
import type { APIContext, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { CmsError, mediaUrl } from '../../lib/cms.ts';
import { cmsToken } from '../../lib/env.ts';
import { urls } from '../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const files = new Map<string, { url: string; mime: string }>();
  for (const article of await getCollection('articles')) {
    for (const file of article.data.attachments) files.set(urls.file(file.url), file);
  }
  for (const plan of await getCollection('plans')) {
    if (plan.data.attachment) files.set(urls.file(plan.data.attachment.url), plan.data.attachment);
  }
  // Strapi names uploads by content hash, so the URL is the file's key.
  return [...files].map(([path, file]) => ({ params: { file: path.split('/').pop()! }, props: file, cacheKey: file.url }));
}) satisfies GetStaticPaths;

export async function GET({ props }: APIContext) {
  const { url, mime } = props as { url: string; mime: string };
  const source = mediaUrl(url);
  const response = await fetch(source, { headers: cmsToken ? { Authorization: `Bearer ${cmsToken}` } : {} }).catch((cause) => {
    throw new CmsError(`Cannot download attachment ${source}: ${cause}`, { cause });
  });
  if (!response.ok) throw new CmsError(`The CMS answered ${response.status} for attachment ${source}`);
  return new Response(await response.arrayBuffer(), { headers: { 'Content-Type': mime } });
}
