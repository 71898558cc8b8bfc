import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminAbility, ARTICLE, mayPublish } from './editorial-context';
import { vietnamTime } from './scheduler';

const SCHEDULE_CANCELLED_NOTE = 'Đã hủy hẹn giờ xuất bản';

// What only an Editor may do to an article, whichever admin route a request takes (the content
// manager's delete, bulk delete, save, discard). Requests without an admin user (the scheduler,
// the setup) are the system's own and pass.
// - Taking an article off the portal: an Author deletes only drafts that never went out.
// - What goes live at a scheduled time is what the Editor scheduled: an edit by someone who may
//   not publish cancels the schedule until an Editor schedules it again.
export function registerEditorialRules(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE) return next();
    const ability = adminAbility(strapi);
    if (!ability || mayPublish(ability, ARTICLE)) return next();
    const { documentId } = context.params as { documentId?: string };
    if (!documentId) return next();
    const documents = strapi.documents(ARTICLE);

    if (context.action === 'delete') {
      const live = await documents.findOne({ documentId, status: 'published', fields: ['id'] });
      const draft = await documents.findOne({ documentId, status: 'draft', fields: ['firstPublishedAt'] });
      if (live || draft?.firstPublishedAt) {
        strapi.log.warn(`Refused delete of article ${documentId}: it is or was published, and the user may not publish`);
        throw new errors.PolicyError('Tin bài này đã đăng trên cổng thông tin; chỉ biên tập viên được gỡ hoặc xóa tin bài đã đăng.');
      }
      return next();
    }

    if (context.action === 'update' || context.action === 'discardDraft') {
      const draft = await documents.findOne({ documentId, status: 'draft', fields: ['publishAt'] });
      const result = await next();
      if (draft?.publishAt) {
        const due = vietnamTime.format(new Date(draft.publishAt));
        const note = `${SCHEDULE_CANCELLED_NOTE} (${due}) vì tin bài được sửa sau khi hẹn giờ. Biên tập viên cần duyệt lại và hẹn giờ lại.`;
        // Straight to the draft row: the schedule fields are the Editor's, outside the Author's
        // field permissions, and this must not count as another edit.
        await strapi.db.query(ARTICLE).updateMany({ where: { documentId, publishedAt: null }, data: { publishAt: null, scheduleNote: note } });
        strapi.log.info(`Schedule of article ${documentId} (due ${draft.publishAt}) cancelled: edited by a user who may not publish`);
      }
      return result;
    }
    return next();
  });
}
