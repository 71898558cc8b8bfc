import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const ARTICLE = 'api::article.article';

/**
 * Writes the publish rules' own fields on the draft row, which publishing then copies. Straight
 * to the database: the document service's update, called from inside a content-manager publish,
 * left the draft as it was (the first publication date was never stamped).
 */
async function settleDraft(strapi: Core.Strapi, documentId: string, data: Record<string, unknown>) {
  await strapi.db.query(ARTICLE).updateMany({ where: { documentId, publishedAt: null }, data });
}

// Drafts may be incomplete while an officer writes; what reaches residents may not. Relations
// cannot be marked required in a Strapi schema, so the plan's tagging rules are checked when an
// article is published, through any route (content manager, REST, the scheduler), with a message
// the officer understands. Publishing also stamps the first publication date and settles the
// schedule: a publication time is used up, a withdrawal time is used up by withdrawing.
export function registerPublishRules(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || (context.action !== 'publish' && context.action !== 'unpublish')) return next();
    const { documentId } = context.params as { documentId: string };
    const documents = strapi.documents(ARTICLE);

    if (context.action === 'unpublish') {
      const result = await next();
      await settleDraft(strapi, documentId, { unpublishAt: null, scheduleNote: null });
      return result;
    }

    const draft = await documents.findOne({
      documentId,
      status: 'draft',
      populate: { contentAreas: { fields: ['id'] }, responsibleOfficer: { fields: ['id'] }, cover: { populate: ['image'] } },
    });
    if (!draft) return next();
    const problems: string[] = [];
    if (!draft.contentAreas?.length) problems.push('chọn ít nhất một nội dung tuyên truyền');
    if (!draft.responsibleOfficer) problems.push('chọn cán bộ phụ trách');
    if (draft.cover && !draft.cover.alt?.trim()) problems.push('nhập mô tả cho ảnh bìa');
    if (problems.length) {
      strapi.log.warn(`Publish refused for article ${documentId}: ${problems.join('; ')}`);
      throw new errors.ValidationError(`Chưa thể xuất bản tin bài "${draft.title}": cần ${problems.join(', ')}.`);
    }
    // Strapi moves publishedAt on every re-publish; residents read the date an article first went
    // out, so it is kept in its own field (editors may still correct it).
    const settle: Record<string, unknown> = {};
    if (!draft.firstPublishedAt) settle.firstPublishedAt = new Date().toISOString();
    if (draft.publishAt) settle.publishAt = null;
    if (draft.scheduleNote) settle.scheduleNote = null;
    if (Object.keys(settle).length) await settleDraft(strapi, documentId, settle);
    return next();
  });
}
