import { timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';

function secretMatches(given: unknown, secret: string | undefined): boolean {
  if (!secret || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Query strings carry `true` as the text "true"; the document service wants booleans. */
function populateFrom(value: unknown): unknown {
  if (value === 'true') return true;
  if (Array.isArray(value)) return value.map(populateFrom);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, populateFrom(inner)]));
  return value;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The draft of one article with the site settings the page frame shows, populated exactly as
   * the preview server asks (`populate`, `settingsPopulate`): the site defines those queries
   * once, in site/src/lib/queries.ts, for its build and its preview alike. Only a caller with
   * the preview secret gets here.
   */
  async findDraft(ctx: any) {
    if (!secretMatches(ctx.get('x-preview-secret'), process.env.PREVIEW_SECRET)) {
      return ctx.notFound();
    }
    const settings = await strapi.documents('api::site-setting.site-setting').findFirst({
      populate: populateFrom(ctx.query.settingsPopulate),
    } as any);
    const draft = await strapi.documents('api::article.article').findOne({
      documentId: ctx.params.documentId,
      status: 'draft',
      populate: populateFrom(ctx.query.populate),
    } as any);
    ctx.set('Cache-Control', 'no-store');
    ctx.status = draft ? 200 : 404;
    ctx.body = { data: draft ?? null, settings };
  },
});
