import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminUser, adminUserName, ARTICLE } from './editorial-context';

export const PUBLICATION_LOG = 'api::publication-log.publication-log';

/** Who the scheduler acts as, in the log. */
const SCHEDULER = 'Hẹn giờ tự động';
/** Setup, seed and scripts: no admin user and not the scheduler. */
const SYSTEM = 'Hệ thống (cài đặt, dữ liệu mẫu)';

const ACTIONS = {
  publish: { byHand: 'Xuất bản', scheduled: 'Xuất bản theo hẹn giờ' },
  unpublish: { byHand: 'Gỡ bài', scheduled: 'Gỡ bài theo hẹn giờ' },
  delete: { byHand: 'Xóa', scheduled: 'Xóa' },
} as const;

const scheduled = new AsyncLocalStorage<true>();

/** Runs `task` as the scheduler: what it publishes or withdraws is logged as scheduled. */
export function asScheduler<T>(task: () => Promise<T>): Promise<T> {
  return scheduled.run(true, task);
}

function actorName(strapi: Core.Strapi): string {
  if (scheduled.getStore()) return SCHEDULER;
  const user = adminUser(strapi);
  if (!user) return SYSTEM;
  const name = adminUserName(user);
  return name ? `${name} (${user.email})` : (user.email ?? `#${user.id}`);
}

interface ArticleRow {
  title: string;
  slug?: string;
  updatedAt?: string;
}

// "Nhật ký xuất bản": every publish, unpublish (by hand or at a scheduled time) and delete of an
// article is recorded after it succeeded: who, when, which article and which version (the how
// manyth publication, and when that version was saved). Rows are written straight to the
// database and name the article by its title and id, not by a relation, so they outlive the
// article. Strapi's own audit logs are an Enterprise feature. Nobody edits or deletes the log
// through the admin, whatever their role (super administrators included); Editors read it.
export function registerPublicationLog(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid === PUBLICATION_LOG && context.action !== 'findMany' && context.action !== 'findOne' && context.action !== 'count') {
      if (adminUser(strapi)) {
        strapi.log.warn(`Refused ${context.action} on the publication log by admin user ${adminUser(strapi)?.id}`);
        throw new errors.PolicyError('Nhật ký xuất bản do hệ thống tự ghi; không ai được thêm, sửa hay xóa.');
      }
      return next();
    }
    if (context.uid !== ARTICLE || !(context.action in ACTIONS)) return next();
    const action = context.action as keyof typeof ACTIONS;
    const { documentId } = context.params as { documentId?: string };
    if (!documentId) return next();

    const documents = strapi.documents(ARTICLE);
    // What the entry names: for a publish the draft that goes live, otherwise the live version
    // (or, for a draft never published, the draft).
    const fields = ['title', 'slug', 'updatedAt'] as const;
    const live = (await documents.findOne({ documentId, status: 'published', fields: [...fields] })) as ArticleRow | null;
    const draft = (await documents.findOne({ documentId, status: 'draft', fields: [...fields] })) as ArticleRow | null;
    const result = await next();
    if (action === 'unpublish' && !live) return result;
    const shown = action === 'publish' ? draft : (live ?? draft);
    if (!shown) return result;
    const publications = await strapi.db
      .query(PUBLICATION_LOG)
      .count({ where: { articleDocumentId: documentId, action: { $in: Object.values(ACTIONS.publish) } } });
    const version = action === 'publish' ? publications + 1 : live ? publications : null;
    await strapi.db.query(PUBLICATION_LOG).create({
      data: {
        occurredAt: new Date().toISOString(),
        action: scheduled.getStore() ? ACTIONS[action].scheduled : ACTIONS[action].byHand,
        articleTitle: shown.title,
        articleSlug: shown.slug ?? null,
        articleDocumentId: documentId,
        version,
        versionSavedAt: shown.updatedAt ?? null,
        actor: actorName(strapi),
      },
    });
    return result;
  });
}
