import type { Core } from '@strapi/strapi';
import { asScheduler } from './publication-log';

const ARTICLE = 'api::article.article';
/** A scheduled time this far in the past that is still not carried out counts as overdue. */
const OVERDUE_AFTER_MS = 2 * 60 * 1000;

/** Times in the notes editors read: Vietnam's clock, as they set it. */
export const vietnamTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hourCycle: 'h23',
});

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function setNote(strapi: Core.Strapi, documentId: string, note: string | null) {
  await strapi.db.query(ARTICLE).updateMany({ where: { documentId }, data: { scheduleNote: note } });
}

/**
 * Carries out scheduled publications and withdrawals whose time has come. Runs on every tick of
 * the cron rule and once at start-up, so a time that passed while the server was down is honoured
 * when it comes back. A publication that cannot be carried out (the article breaks the publish
 * rules) keeps its time, is logged loudly, and is marked for editors in the article's
 * "Ghi chú lịch đăng" field.
 */
export async function runSchedule(strapi: Core.Strapi, now = new Date()): Promise<void> {
  const documents = strapi.documents(ARTICLE as any);
  const duePublications = await documents.findMany({
    status: 'draft',
    filters: { publishAt: { $lte: now.toISOString() } },
    fields: ['documentId', 'title', 'publishAt', 'scheduleNote'],
  } as any);
  for (const article of duePublications as any[]) {
    try {
      await asScheduler(() => documents.publish({ documentId: article.documentId } as any));
      strapi.log.info(`Scheduled publication done: "${article.title}" (${article.documentId}), due ${article.publishAt}`);
    } catch (error) {
      const due = new Date(article.publishAt);
      if (now.getTime() - due.getTime() < OVERDUE_AFTER_MS && !article.scheduleNote) continue;
      const note = `Quá hạn xuất bản (hẹn ${vietnamTime.format(due)}): ${reason(error)}`;
      if (note !== article.scheduleNote) {
        strapi.log.error(`OVERDUE scheduled publication of "${article.title}" (${article.documentId}), due ${article.publishAt}: ${reason(error)}`);
        await setNote(strapi, article.documentId, note);
      }
    }
  }

  // Editors set the withdrawal time on the article and save: it lives on the draft, so that is
  // where it is looked up; only a document that is live has anything to withdraw.
  const dueWithdrawals = await documents.findMany({
    status: 'draft',
    filters: { unpublishAt: { $lte: now.toISOString() } },
    fields: ['documentId', 'title', 'unpublishAt'],
  } as any);
  for (const article of dueWithdrawals as any[]) {
    const live = await documents.findOne({ documentId: article.documentId, status: 'published', fields: ['id'] } as any);
    try {
      if (live) {
        await asScheduler(() => documents.unpublish({ documentId: article.documentId } as any));
        strapi.log.info(`Scheduled withdrawal done: "${article.title}" (${article.documentId}), due ${article.unpublishAt}`);
      } else {
        await strapi.db.query(ARTICLE).updateMany({ where: { documentId: article.documentId }, data: { unpublishAt: null } });
      }
    } catch (error) {
      strapi.log.error(`OVERDUE scheduled withdrawal of "${article.title}" (${article.documentId}): ${reason(error)}`);
      await setNote(strapi, article.documentId, `Quá hạn gỡ bài (hẹn ${vietnamTime.format(new Date(article.unpublishAt))}): ${reason(error)}`);
    }
  }
}

export function registerScheduler(strapi: Core.Strapi) {
  strapi.cron.add({
    articleSchedule: {
      task: async ({ strapi: s }: { strapi: Core.Strapi }) => {
        await runSchedule(s).catch((error) => s.log.error(`Scheduler tick failed: ${reason(error)}`));
      },
      // Every minute by default; tests tick every few seconds (node-schedule accepts seconds).
      options: { rule: process.env.SCHEDULER_RULE || '0 * * * * *', tz: 'Asia/Ho_Chi_Minh' },
    },
  });
}
