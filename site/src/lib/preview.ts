// Draft previews: the admin's "Xem trước" link carries an HMAC of the document id and an expiry
// (cms/config/admin.ts signs it); the preview server checks it, then reads the draft from the
// CMS's preview route with the shared secret. Nothing here runs in the static build.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { renderMarkdown } from '@loa/shared/markdown';
import { describeIssues, draftArticleSchema, type DraftArticle } from '@loa/shared/schemas';
import { CmsError } from './cms.ts';
import { cmsUrl } from './env.ts';

function previewSecret(): string | undefined {
  return process.env.PREVIEW_SECRET || undefined;
}

export function verifyPreviewLink(documentId: string, expires: string | null, signature: string | null, now = Date.now()): boolean {
  const secret = previewSecret();
  if (!secret || !expires || !signature || !/^\d+$/.test(expires)) return false;
  if (Number(expires) * 1000 < now) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${documentId}.${expires}`).digest('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function fetchDraft(documentId: string): Promise<{ article: DraftArticle; bodyHtml: string } | null> {
  const url = `${cmsUrl}/api/preview/articles/${encodeURIComponent(documentId)}`;
  const response = await fetch(url, { headers: { 'X-Preview-Secret': previewSecret() ?? '' } }).catch((cause) => {
    throw new CmsError(`Cannot reach the CMS at ${url}: ${cause}`, { cause });
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new CmsError(`The CMS answered ${response.status} for ${url}`);
  const parsed = draftArticleSchema.safeParse(((await response.json()) as { data: unknown }).data);
  if (!parsed.success) throw new CmsError(`Draft ${documentId} is malformed: ${describeIssues(parsed.error)}`);
  return { article: parsed.data, bodyHtml: renderMarkdown(parsed.data.body) };
}
