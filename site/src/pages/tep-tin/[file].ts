// Attachments of published articles and plans, and the media-library files their bodies show,
// copied from the CMS into the static site at build time, so residents get them from the portal
// and the CMS stays private.
import type { APIContext, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { attachmentTypes } from '@loa/shared/security-headers';
import { CmsError, mediaUrl } from '../../lib/cms.ts';
import { cmsToken } from '../../lib/env.ts';
import { urls } from '../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const files = new Map<string, { url: string; mime: string }>();
  for (const article of await getCollection('articles')) {
    for (const file of article.data.attachments) files.set(urls.file(file.url), file);
    // Images and files the body shows or links to (shared/src/markdown.ts points them here).
    for (const url of article.data.bodyFiles) {
      const type = attachmentTypes[url.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
      if (!files.has(urls.file(url))) files.set(urls.file(url), { url, mime: type });
    }
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
