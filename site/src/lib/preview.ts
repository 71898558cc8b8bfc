// Draft previews: the admin's "Xem trước" link carries an HMAC of the document id and an expiry
// (cms/config/admin.ts signs it with PREVIEW_SECRET); the preview server checks it, then reads the
// draft from the CMS's preview route with another secret, PREVIEW_API_SECRET. The CMS decides
// what that route populates. Nothing here runs in the static build.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { renderMarkdown } from '@loa/shared/markdown';
import { describeIssues, draftArticleSchema, siteSettingsSchema, type DraftArticle, type SiteSettings } from '@loa/shared/schemas';
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

/** Frame for the refusal page, when the CMS was not asked. */
export const fallbackSettings: SiteSettings = {
  wardName: '',
  parentUnitName: null,
  cityName: '',
  reportRecipient: null,
  siteTitle: 'Cổng thông tin điện tử',
  tagline: null,
  address: '',
  phone: '',
  email: '',
  contactOfficer: { name: '', position: '', phone: '', email: '' },
  hotlines: [],
  socialLinks: [],
  relatedLinks: [],
  nameEn: null,
  aboutEn: null,
};

/** The draft and the current site settings (the page frame), from the CMS's preview route. */
export async function fetchDraft(documentId: string): Promise<{ draft: { article: DraftArticle; bodyHtml: string } | null; settings: SiteSettings }> {
  const url = `${cmsUrl}/api/preview/articles/${encodeURIComponent(documentId)}`;
  const response = await fetch(url, { headers: { 'X-Preview-Secret': process.env.PREVIEW_API_SECRET ?? '' } }).catch((cause) => {
    throw new CmsError(`Cannot reach the CMS at ${url}: ${cause}`, { cause });
  });
  if (!response.ok && response.status !== 404) throw new CmsError(`The CMS answered ${response.status} for ${url}`);
  const body = (await response.json()) as { data: unknown; settings?: unknown };
  const settings = siteSettingsSchema.safeParse(body.settings);
  if (!settings.success) throw new CmsError(`Site settings from ${url} are malformed: ${describeIssues(settings.error)}`);
  if (response.status === 404 || !body.data) return { draft: null, settings: settings.data };
  const parsed = draftArticleSchema.safeParse(body.data);
  if (!parsed.success) throw new CmsError(`Draft ${documentId} is malformed: ${describeIssues(parsed.error)}`);
  return { draft: { article: parsed.data, bodyHtml: renderMarkdown(parsed.data.body) }, settings: settings.data };
}
