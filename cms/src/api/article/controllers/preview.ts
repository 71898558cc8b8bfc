import { timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';

const media = { fields: ['url', 'name', 'alternativeText', 'width', 'height', 'ext', 'mime', 'size'] };

function secretMatches(given: unknown, secret: string | undefined): boolean {
  if (!secret || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The draft of one article, as the portal's loader would see it once published, with the site
   * settings the page frame shows (the preview server reads nothing else from the CMS).
   */
  async findDraft(ctx: any) {
    if (!secretMatches(ctx.get('x-preview-secret'), process.env.PREVIEW_SECRET)) {
      return ctx.notFound();
    }
    const settings = await strapi.documents('api::site-setting.site-setting').findFirst({
      populate: { contactOfficer: true, hotlines: true, socialLinks: true, relatedLinks: true },
    } as any);
    const draft = await strapi.documents('api::article.article').findOne({
      documentId: ctx.params.documentId,
      status: 'draft',
      populate: {
        cover: { populate: { image: media } },
        contentAreas: { fields: ['slug', 'letter', 'shortTitle', 'order'] },
        responsibleOfficer: { fields: ['slug', 'positionTitle'] },
        channels: { fields: ['slug', 'name'] },
        legalReferences: true,
        attachments: media,
      },
    } as any);
    ctx.set('Cache-Control', 'no-store');
    ctx.status = draft ? 200 : 404;
    ctx.body = { data: draft ?? null, settings };
  },
});
