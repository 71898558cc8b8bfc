import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminAbility, adminUser, adminUserName } from './editorial-context';

export const ACTIVITY = 'api::activity.activity';
const UPDATE = 'plugin::content-manager.explorer.update';

// "Hoạt động tuyên truyền": communication done off the portal (bulletin boards, loudspeakers,
// banners, meetings, social networks), recorded for the plan's results report. An Author records
// and edits her own (Strapi's "is creator" condition, scripts/cms/roles.ts) and cannot confirm;
// an Editor confirms. Every save is checked here with a message in Vietnamese, whoever saves
// (the admin, a script, the seed), and nothing wrong is stored.

interface ActivityData {
  startDate?: string | null;
  endDate?: string | null;
  quantity?: number | string | null;
  plan?: unknown;
  channel?: unknown;
  confirmed?: boolean | null;
  confirmedAt?: string | null;
  confirmedBy?: string | null;
}

const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/** The documentId a relation input names, in any of the shapes the admin and the API send. */
function relationId(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  const input = value as { documentId?: string; connect?: Array<{ documentId?: string }>; set?: Array<{ documentId?: string }>; disconnect?: unknown[] };
  if (input.documentId) return input.documentId;
  const listed = input.set ?? input.connect;
  if (listed?.length) return listed[listed.length - 1].documentId ?? undefined;
  if (input.set && !input.set.length) return null;
  if (input.disconnect?.length) return null;
  return undefined;
}

function fail(message: string): never {
  throw new errors.ValidationError(message);
}

export function registerActivityRules(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ACTIVITY || !['create', 'update', 'delete'].includes(context.action)) return next();
    const params = context.params as { documentId?: string; data?: ActivityData };
    const documents = strapi.documents(ACTIVITY);
    const current = params.documentId
      ? ((await documents.findOne({ documentId: params.documentId, populate: { plan: { fields: ['year'] }, channel: { fields: ['name'] } } })) as
          | (ActivityData & { plan?: { documentId: string; year: number } | null; channel?: { documentId: string } | null })
          | null)
      : null;
    const ability = adminAbility(strapi);
    const mayConfirm = !ability || ability.can(UPDATE, ACTIVITY, 'confirmed');

    if (context.action === 'delete') {
      if (current?.confirmed && !mayConfirm) fail('Hoạt động này đã được Biên tập viên xác nhận; chỉ Biên tập viên được xóa.');
      return next();
    }

    const data = params.data ?? {};
    const startDate = data.startDate !== undefined ? data.startDate : current?.startDate;
    const endDate = data.endDate !== undefined ? data.endDate : current?.endDate;
    if (!startDate) fail('Cần nhập ngày diễn ra hoạt động (ngày bắt đầu).');
    if (endDate && endDate < startDate) {
      fail(`Ngày kết thúc (${vnDate(endDate)}) phải trùng hoặc sau ngày bắt đầu (${vnDate(startDate)}).`);
    }
    const quantity = data.quantity !== undefined ? data.quantity : (current as { quantity?: number } | null)?.quantity;
    if (quantity === null || quantity === undefined || quantity === '') fail('Cần nhập số lượng (ví dụ 12 lượt phát thanh, 150 người tham dự).');
    if (!Number.isInteger(Number(quantity)) || Number(quantity) < 0) fail(`Số lượng phải là số nguyên không âm; đang nhập ${quantity}.`);

    const channelId = relationId(data.channel);
    if (channelId === null || (channelId === undefined && !current?.channel)) fail('Cần chọn hình thức tuyên truyền của hoạt động.');

    // The plan: the one chosen, or the plan of the activity's year.
    const year = Number(startDate.slice(0, 4));
    const planId = relationId(data.plan);
    const plans = strapi.documents('api::plan.plan');
    let plan: { documentId: string; year: number } | null | undefined = planId
      ? ((await plans.findOne({ documentId: planId, fields: ['year'] })) as { documentId: string; year: number } | null)
      : undefined;
    if (planId && !plan) fail('Không tìm thấy kế hoạch đã chọn.');
    if (plan === undefined) plan = planId === null ? null : (current?.plan ?? null);
    if (!plan) {
      plan = (await plans.findFirst({ filters: { year }, fields: ['year'] })) as { documentId: string; year: number } | null;
      if (!plan) fail(`Chưa có kế hoạch tuyên truyền năm ${year}; nhập kế hoạch năm ${year} trước khi ghi hoạt động.`);
      data.plan = { connect: [{ documentId: plan.documentId }] };
    }
    for (const date of [startDate, endDate]) {
      if (date && Number(date.slice(0, 4)) !== plan.year) fail(`Hoạt động ngày ${vnDate(date)} nằm ngoài năm của kế hoạch ${plan.year}.`);
    }

    // Confirmation is the Editor's: who confirmed and when are recorded; an edit by anybody who
    // may not confirm takes the confirmation back, so what the report counts is what was confirmed.
    if (mayConfirm && data.confirmed === true && !current?.confirmed) {
      const user = adminUser(strapi);
      data.confirmedAt = new Date().toISOString();
      data.confirmedBy = user ? adminUserName(user) || (user.email ?? null) : 'Hệ thống';
    } else if ((mayConfirm && data.confirmed === false) || (!mayConfirm && current?.confirmed)) {
      data.confirmed = false;
      data.confirmedAt = null;
      data.confirmedBy = null;
    } else if (!mayConfirm) {
      data.confirmed = false;
    }
    params.data = data;
    return next();
  });
}
