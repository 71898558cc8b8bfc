import { timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { markDraftPreview } from '../../../editorial-context';

const ARTICLE = 'api::article.article';
const SETTINGS = 'api::site-setting.site-setting';

/**
 * What a draft preview shows: the article's own fields and the relations its page displays, and
 * the settings the page frame needs. Fixed here, not taken from the caller, so the route can
 * never be asked for the authors' accounts or anything else behind a relation.
 */
const DRAFT_POPULATE = {
  cover: { populate: { image: true } },
  contentAreas: true,
  responsibleOfficer: true,
  channels: true,
  legalReferences: true,
  attachments: true,
};
const SETTINGS_POPULATE = { contactOfficer: true, hotlines: true, socialLinks: true, relatedLinks: true };

function secretMatches(given: unknown, secret: string | undefined): boolean {
  if (!secret || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The draft of one article with the site settings the page frame shows, for the portal's
   * preview server only: the caller proves it with PREVIEW_API_SECRET (a secret of its own, not
   * the one that signs the admin's preview links). Both answers go through the content API's
   * output sanitizer, which drops private fields, as a published article's would.
   */
  async findDraft(ctx: any) {
    if (!secretMatches(ctx.get('x-preview-secret'), process.env.PREVIEW_API_SECRET)) {
      return ctx.notFound();
    }
    markDraftPreview(ctx);
    const settings = await strapi.documents(SETTINGS).findFirst({ populate: SETTINGS_POPULATE });
    const draft = await strapi.documents(ARTICLE).findOne({ documentId: String(ctx.params.documentId), status: 'draft', populate: DRAFT_POPULATE });
    const sanitize = strapi.contentAPI.sanitize.output;
    ctx.set('Cache-Control', 'no-store');
    ctx.status = draft ? 200 : 404;
    ctx.body = {
      data: draft ? await sanitize(draft, strapi.getModel(ARTICLE)) : null,
      settings: settings ? await sanitize(settings, strapi.getModel(SETTINGS)) : null,
    };
  },
});
